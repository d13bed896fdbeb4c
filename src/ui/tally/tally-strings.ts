// The tally screens' strings, in their own chunk so the desk shell does not carry them.
import type { Checkpoint } from '../../shared/schemas.ts';
import type { SlotState } from '../../domain/slot-state.ts';
import { lang } from '../i18n.ts';

const STRINGS = {
  title: ['Theo dõi chỉ tiêu', 'Live tally'],
  loading: ['Đang tải số liệu…', 'Loading the tally…'],
  live: ['Trực tiếp', 'Live'],
  reconnecting: ['Mất kết nối, đang nối lại — số liệu đến', 'Connection lost, reconnecting — figures as of'],
  closed: ['Đã ngắt kết nối — số liệu đến', 'Disconnected — figures as of'],
  localOnly: ['Chỉ số liệu trên máy này (không phải toàn sự kiện)', 'This device’s log only (not the whole event)'],
  readAt: ['đọc lúc', 'read at'],
  lastScan: ['lượt mới nhất', 'latest scan'],
  sortBehind: ['Chậm nhất trước', 'Behind first'],
  sortPercent: ['% hoàn thành', '% fulfilled'],
  sortName: ['Theo tên', 'By name'],
  sort: ['Sắp xếp', 'Sort'],
  search: ['Tìm đơn vị', 'Find a unit'],
  expandAll: ['Mở mọi nhóm', 'Expand all'],
  collapseAll: ['Thu gọn nhóm', 'Collapse all'],
  projector: ['Màn hình lớn', 'Big screen'],
  exitProjector: ['Thoát màn hình lớn', 'Leave big screen'],
  unit: ['Đơn vị', 'Unit'],
  people: ['Số người', 'People'],
  onTime: ['Đúng giờ', 'On time'],
  late: ['Muộn', 'Late'],
  walkIns: ['Vãng lai', 'Walk-ins'],
  slot: ['Khung giờ', 'Slot'],
  alerts: ['Đơn vị chậm khi khung giờ sắp hết', 'Behind as their slot closes'],
  noAlerts: ['Không có đơn vị nào chậm trong khung giờ sắp hết.', 'No unit is behind with its slot closing.'],
  minutesLeft: ['còn {n} phút', '{n} min left'],
  call: ['Gọi', 'Call'],
  arrivals: ['Lượt đến mỗi 10 phút', 'Arrivals per 10 minutes'],
  throughput: ['Tốc độ mỗi bàn (5 phút qua)', 'Per desk (last 5 minutes)'],
  perMinute: ['người/phút', 'people/min'],
  noThroughput: ['Chưa có lượt quét nào trong 5 phút qua.', 'No scans in the last 5 minutes.'],
  page: ['Trang', 'Page'],
  noUnits: ['Không có đơn vị nào khớp.', 'No unit matches.'],
  shareLinks: ['Liên kết cho trưởng đơn vị', 'Links for unit leaders'],
  makeShare: ['Tạo liên kết', 'Make a link'],
  copy: ['Chép', 'Copy'],
  revokeShare: ['Thu hồi', 'Revoke'],
  revokedShare: ['Đã thu hồi', 'Revoked'],
  shareOnce: ['Liên kết chỉ hiện một lần: hãy chép và gửi cho trưởng đơn vị ngay.', 'The link is shown once: copy it and send it to the unit leader now.'],
  openTally: ['Bảng theo dõi chỉ tiêu', 'Live tally'],
  leader: ['Trưởng đơn vị', 'Unit leader'],
  unitProgress: ['Tiến độ của đơn vị', 'Your unit’s progress'],
  noShare: ['Liên kết thiếu mã. Hãy mở đúng liên kết ban tổ chức gửi.', 'The link has no token. Open the exact link the organisers sent.'],
  back: ['Quay lại', 'Back'],
} as const satisfies Record<string, readonly [string, string]>;

/** A tally string in the current language; `{n}` is replaced by `n`. */
export function tt(key: keyof typeof STRINGS, n?: number | string): string {
  const text: string = STRINGS[key][lang.value === 'vi' ? 0 : 1];
  return n === undefined ? text : text.replace('{n}', String(n));
}

const CHECKPOINTS: Record<Checkpoint, readonly [string, string]> = {
  registered: ['Đăng ký', 'Registered'],
  arrived: ['Có mặt', 'Arrived'],
  donated: ['Đã hiến máu', 'Donated'],
  finished: ['Về đích', 'Finished'],
};

/** A checkpoint's name as the committee says it. */
export const checkpointName = (c: Checkpoint): string => CHECKPOINTS[c][lang.value === 'vi' ? 0 : 1];

const SLOTS: Record<SlotState, readonly [string, string]> = {
  none: ['', ''],
  upcoming: ['Chưa đến giờ', 'Upcoming'],
  open: ['Đang trong giờ', 'Open'],
  closing: ['Sắp hết giờ', 'Closing'],
  closed: ['Đã hết giờ', 'Closed'],
};

/** A slot state's label; empty for a unit without a slot. */
export const slotName = (s: SlotState): string => SLOTS[s][lang.value === 'vi' ? 0 : 1];
