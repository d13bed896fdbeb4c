// qrcode as the coordinator's screen uses it (an SVG string): @types/qrcode pulls in Node's types
// for its stream API. tsconfig.client.json maps the module here; the server uses the full types.
interface SvgOptions { type: 'svg'; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; margin?: number; width?: number }
declare const QRCode: {
  /** The code for `text` as an SVG document. */
  toString(text: string, options: SvgOptions): Promise<string>;
};
export default QRCode;
