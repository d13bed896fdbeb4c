// A plain Telex / VNI input method, as Unikey types with spelling checks off: enough to
// mangle a scanned code the way a desk computer with the method left on does.

const SHAPE: Record<'telex' | 'vni', Record<string, { after: RegExp; mark: string }>> = {
  telex: {
    A: { after: /^A$/, mark: '\u0302' }, E: { after: /^E$/, mark: '\u0302' }, O: { after: /^O$/, mark: '\u0302' },
    W: { after: /^[AOU]$/, mark: '' },
  },
  vni: {
    '6': { after: /^[AEO]$/, mark: '\u0302' }, '8': { after: /^A$/, mark: '\u0306' }, '7': { after: /^[OU]$/, mark: '\u031b' },
  },
};
const TONE: Record<'telex' | 'vni', Record<string, string>> = {
  telex: { S: '\u0301', F: '\u0300', R: '\u0309', X: '\u0303', J: '\u0323' },
  vni: { '1': '\u0301', '2': '\u0300', '3': '\u0309', '4': '\u0303', '5': '\u0323' },
};

function parts(char: string): { base: string; marks: string } {
  const nfd = char.normalize('NFD');
  return { base: nfd[0] ?? '', marks: nfd.slice(1) };
}

/** What the screen shows when `keys` are typed through the method; tones land on the letter just before. */
export function typeThrough(keys: string, mode: 'telex' | 'vni'): string {
  const out: string[] = [];
  for (const key of keys) {
    const last = out[out.length - 1] ?? '';
    const { base, marks } = parts(last);
    const hasShape = /[\u0302\u0306\u031b]/.test(marks);
    const hasTone = /[\u0300\u0301\u0303\u0309\u0323]/.test(marks);
    if ((mode === 'telex' && key === 'D' && last === 'D') || (mode === 'vni' && key === '9' && last === 'D')) { out[out.length - 1] = 'Đ'; continue; }
    const shape = SHAPE[mode][key];
    if (shape && !hasShape && shape.after.test(base)) {
      const mark = shape.mark || (base === 'A' ? '\u0306' : '\u031b');
      out[out.length - 1] = (base + mark + marks).normalize('NFC');
      continue;
    }
    if (mode === 'telex' && key === 'W' && !/^[A-Z]$/.test(base)) { out.push('Ư'); continue; }
    const tone = TONE[mode][key];
    if (tone && !hasTone && /^[AEIOUY]$/.test(base)) { out[out.length - 1] = (last.normalize('NFD') + tone).normalize('NFC'); continue; }
    out.push(key);
  }
  return out.join('');
}
