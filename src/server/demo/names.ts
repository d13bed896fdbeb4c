// Deterministic Vietnamese names and mobile numbers for the demo rosters: a seeded PRNG so
// every fresh install (and every test run) shows the same people at the same code numbers.

/** A uniform [0, 1) source; seeded so rosters are reproducible. */
export type Random = () => number;

/** mulberry32: tiny, fast, good enough to pick names; not for anything secret. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Where an event is, which shifts the family names (Tày and Nùng names in the northern mountains). */
export type Region = 'north-mountain' | 'south';

// Repetition stands in for frequency: Nguyễn is by far the most common family name.
const COMMON_FAMILY = [
  'Nguyễn', 'Nguyễn', 'Nguyễn', 'Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê',
  'Phạm', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Phan',
] as const;
const REGIONAL_FAMILY: Record<Region, readonly string[]> = {
  'north-mountain': ['Hoàng', 'Hoàng', 'Nông', 'Nông', 'Lương', 'Ma', 'Triệu', 'Lục', 'Hà', 'Đinh', 'Bế', 'Lộc', 'Vi', 'Chu'],
  south: ['Huỳnh', 'Huỳnh', 'Võ', 'Võ', 'Trương', 'Lâm', 'Phan', 'Châu', 'Tôn', 'Đoàn'],
};
const MIDDLE = {
  male: ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công', 'Thanh', 'Xuân', 'Duy', 'Quốc', 'Gia', 'Trọng'],
  female: ['Thị', 'Thị', 'Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Thùy', 'Phương', 'Kim', 'Hồng', 'Bảo', 'Khánh'],
} as const;
const GIVEN = {
  male: [
    'An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Đức', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Hưng', 'Khánh',
    'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang',
    'Sơn', 'Tài', 'Thắng', 'Thành', 'Thịnh', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Hậu',
  ],
  female: [
    'Anh', 'Ánh', 'Châu', 'Chi', 'Dung', 'Duyên', 'Đào', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Huyền',
    'Hương', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Nhàn', 'Nhung', 'Oanh', 'Phương',
    'Quyên', 'Thảo', 'Thư', 'Thu', 'Thủy', 'Trang', 'Tuyết', 'Uyên', 'Vân', 'Yến',
  ],
} as const;

/** Generates full names, never one of `reserved` (tests look those up and expect exactly one). */
export function nameGenerator(random: Random, region: Region, reserved: ReadonlySet<string>): () => string {
  const families = [...COMMON_FAMILY, ...REGIONAL_FAMILY[region]];
  return () => {
    for (;;) {
      const sex = random() < 0.5 ? 'male' : 'female';
      const name = `${pick(random, families)} ${pick(random, MIDDLE[sex])} ${pick(random, GIVEN[sex])}`;
      if (!reserved.has(name)) return name;
    }
  };
}

// Mobile prefixes in use since the 2018 renumbering (Viettel 03x/086/09x, VinaPhone 08x/091/094, MobiFone 07x/089/090/093).
const MOBILE_PREFIXES = [
  '032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098',
  '081', '082', '083', '084', '085', '088', '091', '094', '070', '076', '077', '078', '079', '089', '090', '093',
] as const;

/** A ten-digit Vietnamese mobile number, digits only. */
export function mobileNumber(random: Random): string {
  let rest = '';
  for (let i = 0; i < 7; i++) rest += Math.floor(random() * 10).toString();
  return pick(random, MOBILE_PREFIXES) + rest;
}
