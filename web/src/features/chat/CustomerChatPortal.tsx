export default function CustomerChatPortal() {
  return <div>chat</div>;
}
