// How every participant QR is drawn: one place, used by badge sheets, code images, the
// self-registration page and the tests' fake cameras.
//
// Level Q, from the benchmark's own data (`scan_hard_single_frame_ratio_level_{M,Q}`): on the hard
// set drawn at the same printed size, Q read 1.0 of single frames against M's 0.93, since a finger
// over a corner or a crease costs Q nothing, and the denser modules lost nothing on blur or small
// codes at the camera's native 1280×720. Badges printed earlier at level M still scan: the desk's
// zxing-cpp reads every level with every mask (test/ui/scanner/all-masks.test.ts).
//
// No mask is chosen per code any more. That was a workaround for html5-qrcode's ZXing-js, which
// misses some mask/size pairs; the desk now decodes with zxing-cpp, which reads all eight masks, so
// the writer's own (standard) mask choice stands. html5-qrcode remains only as the fallback for a
// desk whose wasm fails to load, and says so on screen.

/** `qrcode` options for every code we draw. */
export const BADGE_QR_OPTIONS = { errorCorrectionLevel: 'Q' } as const;
