/*
 * A webgl layer's data: its points as columns of numbers, read from the bytes webmap/columns.py writes (the served
 * data/<id>.bin, or the base64 text of the static copy's data.js). The header says where each column starts; the
 * columns are typed arrays over the same bytes, never copied.
 *
 * The result: {count, styles, filters: {property: [value, ...]}, position (Float32Array, lng lat), days
 * (Float32Array, valid_from and valid_to as days since 1970-01-01), radius (Float32Array, metres), categories:
 * {property: Uint16Array, each feature's index in filters[property]}}.
 */

const TYPES = { float32: Float32Array, uint16: Uint16Array };

/* The columns in `buffer` (an ArrayBuffer). */
export function readColumns(buffer) {
  const length = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)));
  const column = (name) => {
    const [offset, type, size] = header.columns[name];
    return new TYPES[type](buffer, offset, header.count * size);
  };
  const categories = {};
  Object.keys(header.filters).forEach((property) => (categories[property] = column("filter:" + property)));
  return {
    count: header.count,
    styles: header.styles,
    filters: header.filters,
    position: column("position"),
    days: column("days"),
    radius: column("radius"),
    categories,
  };
}

/* The bytes of base64 `text` as an ArrayBuffer (the static copy's columns). */
export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes.buffer;
}

/* The day number of an ISO date (YYYY-MM-DD): days since 1970-01-01, as the columns count them. */
export function dayNumber(date) {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86400000;
}

/* The ISO date of a day number. */
export function isoDay(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}
