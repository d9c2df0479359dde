/**
 * What `npm pack` would ship, checked after a real `npm run build` (run once, on the
 * server, by test/package/package-plugin.mjs).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface PackageContents {
  name: string;
  version: string;
  files: string[];
  size: number;
  unpackedSize: number;
  packageJson: {
    exports: Record<string, unknown>;
    files: string[];
    sideEffects: string[];
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    dependencies: Record<string, string>;
  };
  targets: Record<string, boolean>;
  bundleImports: string[] | null;
}

let contents: PackageContents;

before(async function () {
  this.timeout(240_000);
  for (;;) {
    const answer = await executeServerCommand<{ pending: boolean; result?: PackageContents }, undefined>('package-contents');
    if (!answer.pending) {
      contents = answer.result!;
      return;
    }
  }
});

describe('the npm package', () => {
  it('ships the bundle, the ES modules with their types, the manifest, README and package.json', () => {
    const { files } = contents;
    for (const file of [
      'package.json',
      'README.md',
      'dist/reservation-panel.js',
      'dist/custom-elements.json',
      'dist/esm/index.js',
      'dist/esm/index.d.ts',
      'dist/esm/components/reservation-panel/reservation-panel.js',
      'dist/esm/components/reservation-panel/reservation-panel.d.ts',
      'dist/esm/events/index.d.ts',
      'dist/esm/schema/index.js',
      'dist/esm/emulator/index.js',
      'dist/esm/emulator/node.js',
      'dist/esm/react/index.js',
      'dist/esm/react/index.d.ts',
    ]) {
      expect(files, file).to.include(file);
    }
    for (const file of files) {
      expect(file, 'only dist/, README, package.json and notices').to.match(
        /^(dist\/|README\.md$|package\.json$|LICENSE|spec\/NOTICE\.md$)/,
      );
    }
  });

  it('ships no tests, stories, fixtures, spec JSON, examples, sources or tooling', () => {
    const forbidden = [
      /(^|\/)test\//,
      /\.test\.[cm]?[jt]s$/,
      /\.spec\.[cm]?[jt]s$/,
      /(^|\/)stories\//,
      /\.stories\.[cm]?[jt]sx?$/,
      /(^|\/)\.storybook\//,
      /storybook-static\//,
      /(^|\/)fixtures?\//,
      /^spec\/.*\.json$/,
      /twilio_taskrouter_v1\.json$/,
      /(^|\/)examples\//,
      /^src\//,
      /^(bench|scripts|demo|\.ci)\//,
      /(^|\/)node_modules\//,
      /\.tgz$/,
      /(^|\/)\.env/,
    ];
    for (const file of contents.files) {
      for (const pattern of forbidden) expect(file, `${file} must not ship`).not.to.match(pattern);
    }
  });

  it('has every path of its exports map, main, module, types and customElements after a build, and ships them', () => {
    const { targets, files, packageJson } = contents;
    expect(Object.keys(packageJson.exports)).to.include.members([
      '.',
      './bundle',
      './emulator',
      './emulator/node',
      './react',
      './custom-elements.json',
      './package.json',
    ]);
    expect(packageJson.exports['./react']).to.deep.equal({
      types: './dist/esm/react/index.d.ts',
      default: './dist/esm/react/index.js',
    });
    expect(Object.keys(targets).length).to.be.greaterThan(8);
    for (const [target, exists] of Object.entries(targets)) {
      expect(exists, `${target} exists`).to.equal(true);
      expect(files, `${target} is shipped`).to.include(target.replace(/^\.\//, ''));
    }
  });

  it('marks the modules that register elements as side effects, and they ship', () => {
    const { packageJson, files } = contents;
    for (const entry of packageJson.sideEffects) {
      const pattern = new RegExp(
        `^${entry
          .replace(/^\.\//, '')
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*\//g, '(?:.*/)?')
          .replace(/\*/g, '[^/]*')}$`,
      );
      expect(
        files.some((f) => pattern.test(f)),
        `${entry} matches a shipped file`,
      ).to.equal(true);
    }
  });

  it('keeps React optional: an optional peer, with the wrapper and @lit/react', () => {
    const { packageJson } = contents;
    expect(packageJson.peerDependencies?.['react']).to.be.a('string');
    expect(packageJson.peerDependenciesMeta?.['react']?.optional).to.equal(true);
    expect(packageJson.dependencies).to.have.property('@lit/react');
    expect(packageJson.dependencies).not.to.have.property('react');
  });

  it('ships a self-contained bundle: it imports no package', () => {
    expect(contents.bundleImports, 'the bundle was built').to.be.an('array');
    expect(contents.bundleImports!.filter((s) => !/^(\.{1,2}\/|\/|https?:)/.test(s))).to.deep.equal([]);
  });
});
