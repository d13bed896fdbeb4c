// papaparse as the client uses it (src/domain's CSV writer): @types/papaparse pulls in Node's
// types for its stream API, which would let any client file use `fs` or `Buffer` unnoticed.
// tsconfig.client.json maps the module here; the server config checks the same calls against
// the full @types/papaparse.
type Rows = readonly (readonly string[])[];
interface UnparseConfig { newline?: string; quotes?: boolean }
declare const Papa: {
  /** Rows (or fields plus rows) as CSV text. */
  unparse(data: Rows | { fields: readonly string[]; data: Rows }, config?: UnparseConfig): string;
};
export default Papa;
