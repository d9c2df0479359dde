import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { setStorybookHelpersConfig } from '@wc-toolkit/storybook-helpers';
import '../src/index.js';
import { ensureEmulator } from './emulator/boot.js';
import manifest from './generated/custom-elements.json';

setCustomElementsManifest(manifest);
setStorybookHelpersConfig({ hideArgRef: true });

const preview: Preview = {
  // Every story talks to the emulator: make sure one answers before the first story renders.
  beforeAll: async () => {
    await ensureEmulator();
  },
  parameters: {
    controls: { expanded: true },
    // axe runs on every story (the panel's shadow roots included); violations fail a test run
    a11y: { test: 'error' },
  },
};

export default preview;
