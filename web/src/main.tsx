import '@ant-design/v5-patch-for-react-19';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root.tsx';
import './app/global.css';

const el = document.getElementById('root');
if (el) createRoot(el).render(<Root />);
