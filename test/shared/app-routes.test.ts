import { describe, expect, it } from 'vitest';
import { APP_ROUTE_PATTERNS, isAppRoute } from '../../src/shared/app-routes.ts';

const matches = (pathAndQuery: string) => APP_ROUTE_PATTERNS.some((pattern) => pattern.test(pathAndQuery));

describe('the app shell answers only the app routes', () => {
  it('takes the desk and its screens, with or without a query', () => {
    for (const path of ['/', '/index.html', '/?lang=en', '/coordinator', '/coordinator?event=2', '/tally?event=3&projector=1', '/unit', '/setup']) {
      expect(matches(path), path).toBe(true);
    }
    expect(isAppRoute('/coordinator')).toBe(true);
    expect(isAppRoute('/tally')).toBe(true);
  });
  it('leaves the server pages to the network', () => {
    for (const path of ['/r/3', '/r/3/poster', '/api/events/1/reports', '/api/events/1/badges?unit=2', '/tallyho', '/coordinators', '/ca.crt']) {
      expect(matches(path), path).toBe(false);
    }
    expect(isAppRoute('/r/3')).toBe(false);
    expect(isAppRoute('/tallyho')).toBe(false);
  });
});
