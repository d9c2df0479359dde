/**
 * The TaskRouter emulator running inside the browser, for a Storybook that no server hosts
 * (the static build copied to any web server). It is mounted at `<storybook base>/emulator`
 * with the demo workspace and the control API, exactly as the Vite dev server mounts it at
 * `/emulator` under `npm run storybook`.
 */
import { createEmulator, EmulatorDropError } from '../../src/emulator/index.js';

export interface BrowserEmulator {
  /** the mount point, e.g. `/emulator` or `/intranet/storybook/emulator` */
  readonly basePath: string;
  /** Whether a request goes to the emulator (same origin, under the mount point). */
  handles(url: URL, origin: string): boolean;
  /** The emulator's answer; a dropped connection (a `drop` fault) is a network error. */
  respond(request: Request): Promise<Response>;
}

export function createBrowserEmulator(basePath: string): BrowserEmulator {
  const emulator = createEmulator({ basePath, demo: true, control: true });
  return {
    basePath: emulator.basePath,
    handles: (url, origin) =>
      url.origin === origin && (url.pathname === emulator.basePath || url.pathname.startsWith(`${emulator.basePath}/`)),
    async respond(request) {
      try {
        const response = await emulator.fetch(request);
        const headers = new Headers(response.headers);
        headers.set('x-reservation-panel-emulator', 'browser');
        return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
      } catch (error) {
        if (error instanceof EmulatorDropError) return Response.error();
        return new Response(JSON.stringify({ code: 20500, message: `Emulator error: ${String(error)}`, more_info: null, status: 500 }), {
          status: 500,
          headers: { 'content-type': 'application/json' },
        });
      }
    },
  };
}
