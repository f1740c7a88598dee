import type { ReactNode } from 'react';

/**
 * A deliberately small Markdown reader for knowledge articles: headings, bullet and numbered lists,
 * paragraphs and **bold**. It builds React elements from text — no HTML is ever parsed or injected, so an
 * article cannot carry markup or scripts into the agent's screen.
 */
export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  // Items carry the line number they came from: a stable key for React.
  let list: { ordered: boolean; items: Array<{ line: number; text: string }> } | null = null;
  let para: string[] = [];
  let key = 0;
  const flushPara = () => {
    if (para.length > 0) blocks.push(<p key={key++}>{inline(para.join('\n'))}</p>);
    para = [];
  };
  const flushList = () => {
    if (!list) return;
    const items = list.items.map((it) => <li key={it.line}>{inline(it.text)}</li>);
    blocks.push(list.ordered ? <ol key={key++}>{items}</ol> : <ul key={key++}>{items}</ul>);
    list = null;
  };
  for (const [lineNo, raw] of text.split('\n').entries()) {
    const line = raw.trimEnd();
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)、]\s*(.*)$/.exec(line);
    if (heading) {
      flushPara();
      flushList();
      blocks.push(
        <div
          key={key++}
          style={{ fontWeight: 600, fontSize: heading[1]?.length === 1 ? 16 : 14, margin: '10px 0 4px' }}
        >
          {inline(heading[2] ?? '')}
        </div>,
      );
    } else if (bullet || numbered) {
      flushPara();
      const ordered = numbered !== null && bullet === null;
      if (!list || list.ordered !== ordered) {
        flushList();
        list = { ordered, items: [] };
      }
      list.items.push({ line: lineNo, text: (bullet?.[1] ?? numbered?.[1] ?? '').trim() });
    } else if (line.trim() === '') {
      flushPara();
      flushList();
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return <div style={{ lineHeight: 1.7 }}>{blocks}</div>;
}

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(/\*\*([^*]+)\*\*/g)) {
    const start = m.index ?? 0;
    if (start > at) out.push(text.slice(at, start));
    out.push(<strong key={start}>{m[1]}</strong>);
    at = start + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
