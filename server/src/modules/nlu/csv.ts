/**
 * The labelled-utterance file format: CSV (RFC 4180 quoting) with a header naming a `text` column and a
 * `label` column. BANKING77's `category` header is accepted as a synonym so public data loads as is.
 */
import { readFileSync } from 'node:fs';

export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

/** Parse CSV into rows of fields. Handles quoted fields with commas, doubled quotes and newlines, CRLF and a BOM. */
export function parseCsv(source: string): string[][] {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new CsvFormatError('unterminated quoted field');
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines are not rows.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Rows of a `text,label` CSV. Throws CsvFormatError naming the line when the file is not usable. */
export function parseLabelledCsv(source: string): LabelledText[] {
  const rows = parseCsv(source);
  const header = rows[0];
  if (!header) throw new CsvFormatError('empty file: expected a header "text,label"');
  const names = header.map((h) => h.trim().toLowerCase());
  const textCol = names.indexOf('text');
  const labelCol = names.indexOf('label') >= 0 ? names.indexOf('label') : names.indexOf('category');
  if (textCol < 0 || labelCol < 0)
    throw new CsvFormatError(`header must name "text" and "label" columns, got "${header.join(',')}"`);
  const out: LabelledText[] = [];
  for (let r = 1; r < rows.length; r++) {
    const fields = rows[r] as string[];
    const text = fields[textCol]?.trim();
    const label = fields[labelCol]?.trim();
    if (!text || !label) throw new CsvFormatError(`row ${r + 1}: both text and label are required`);
    out.push({ text, label });
  }
  return out;
}

export function readLabelledCsv(path: string | URL): LabelledText[] {
  return parseLabelledCsv(readFileSync(path, 'utf8'));
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function toLabelledCsv(rows: readonly LabelledText[]): string {
  return `text,label\n${rows.map((r) => `${quote(r.text)},${quote(r.label)}`).join('\n')}\n`;
}
