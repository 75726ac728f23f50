// Reads an Arrow IPC file DataHandle wrote with the npm apache-arrow package and prints what it sees as JSON:
// row count, batch count, each column's type and values (BigInt and typed arrays made JSON-friendly).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const [modules, file] = process.argv.slice(2);
const require = createRequire(modules + '/');
const { tableFromIPC } = require('apache-arrow');

const bytes = readFileSync(file);
const table = tableFromIPC(bytes);
const plain = (v) => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Array.from(v);
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && typeof v.toArray === 'function' && !(v.constructor && v.constructor.name === 'StructRow')) {
    return Array.from(v).map(plain); // iterating a Vector yields null for null slots; toArray() would not
  }
  if (typeof v === 'object' && typeof v.toJSON === 'function') {
    const o = v.toJSON();
    const out = {};
    for (const k of Object.keys(o)) out[k] = plain(o[k]);
    return out;
  }
  return v;
};
const columns = {};
for (const field of table.schema.fields) {
  const vector = table.getChild(field.name);
  const values = [];
  for (let i = 0; i < table.numRows; i++) values.push(plain(vector.get(i)));
  columns[field.name] = { type: String(field.type), values };
}
console.log(JSON.stringify({ rows: table.numRows, batches: table.batches.length, columns }));
