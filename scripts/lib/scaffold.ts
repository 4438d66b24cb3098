/**
 * The package scaffold: written once, when a spec names a package that has no folder yet. From then on the
 * files are hand-written and the generator never touches them again (each file is written only if missing); each
 * says so in its first line where its format has comments. The package's `src/index.ts` and
 * `test/contract.test.ts` are not part of it: they are generated (render-package.ts) on every run.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { SpecModel } from "@checkoutkit/spec-model";

export function scaffoldPackage(dir: string, name: string, specs: SpecModel[], root: string): string[] {
  const written: string[] = [];
  const folder = relative(join(root, "packages"), dir);
  const write = (file: string, content: string) => {
    const path = join(dir, file);
    if (existsSync(path)) return;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.push(path);
  };
  const titles = specs.map((s) => s.title).join(" and ");

  write(
    "package.json",
    `${JSON.stringify(
      {
        name,
        version: "0.0.0",
        description: `Typed client for ${titles}, generated from a curated OpenAPI spec.`,
        license: "MIT",
        type: "module",
        sideEffects: false,
        main: "./dist/index.cjs",
        module: "./dist/index.js",
        types: "./dist/index.d.cts",
        // Older resolvers (TypeScript's node10) read no `exports`: this points them at the ./testing types.
        typesVersions: { "*": { raw: ["./dist/raw.d.cts"], testing: ["./dist/testing.d.cts"] } },
        exports: {
          ".": {
            import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
            require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
          },
          "./raw": {
            import: { types: "./dist/raw.d.ts", default: "./dist/raw.js" },
            require: { types: "./dist/raw.d.cts", default: "./dist/raw.cjs" },
          },
          "./testing": {
            import: { types: "./dist/testing.d.ts", default: "./dist/testing.js" },
            require: { types: "./dist/testing.d.cts", default: "./dist/testing.cjs" },
          },
          "./package.json": "./package.json",
        },
        // TypeScript's node10 resolution ignores `exports`: this points it at the `./raw` types.
        files: ["dist", "README.md", "LICENSE", "CHANGELOG.md"],
        scripts: { build: "tsup", typecheck: "tsc --noEmit", test: "vitest run" },
        dependencies: { "@checkoutkit/runtime": "workspace:^", "openapi-fetch": "catalog:" },
        devDependencies: {
          "@checkoutkit/testing": "workspace:*",
          "@types/node": "catalog:",
          tsup: "catalog:",
          typescript: "catalog:",
          vitest: "catalog:",
        },
        publishConfig: { access: "public" },
        engines: { node: ">=20" },
        repository: { type: "git", url: "git+https://github.com/checkoutkit/checkoutkit.git", directory: `packages/${folder}` },
      },
      null,
      2,
    )}\n`,
  );
  write("tsconfig.json", `${OWNED("//")}{\n  "extends": "../../tsconfig.base.json",\n  "compilerOptions": { "types": ["node"] },\n  "include": ["src", "test"]\n}\n`);
  write(
    "tsup.config.ts",
    OWNED("//") + TSUP_CONFIG,
  );
  write("vitest.config.ts", OWNED("//") + VITEST_CONFIG);
  write("test/setup.ts", `${OWNED("//")}export { default } from "@checkoutkit/testing/global-setup";\n`);
  write("LICENSE", MIT);
  write(
    "src/testing.ts",
    `/** The test kit, \`${name}/testing\`: signed webhook deliveries, example events and a mock \`fetch\` from the spec. */
export * from "./generated/testing.js";
export type { DeepPartial, MockFetch, MockFetchCall, MockFetchOptions, SignWebhookOptions } from "@checkoutkit/runtime/testing";
`,
  );
  write(
    "README.md",
    `${OWNED("<!--")}# ${name}\n\nTyped client for ${titles}, generated from \`${specs.map((s) => s.source).join("`, `")}\`.\n\n\`\`\`sh\nnpm install ${name}\n\`\`\`\n\n\`\`\`ts\nimport { ${specs.map((s) => s.client.factory).join(", ")} } from "${name}";\n\`\`\`\n`,
  );
  return written;
}

/** The first line of each scaffolded file that has comments: the file is the package owner's from now on. */
const OWNED = (comment: "//" | "<!--") => {
  const text = "Scaffolded once by scripts/generate.ts for a new provider package; yours to edit, never regenerated.";
  return comment === "//" ? `// ${text}\n` : `<!-- ${text} -->\n`;
};

const TSUP_CONFIG = `import { defineConfig } from "tsup";

export default defineConfig({
  // "./raw" and "./testing" are entry points of their own: only code importing them loads openapi-fetch or the test kit.
  entry: ["src/index.ts", "src/raw.ts", "src/testing.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  // The runtime's code is bundled in and each entry is one self-contained file, so importing the package loads
  // one module. Error classes still match across packages: they compare a Symbol.for brand, not identity.
  noExternal: ["@checkoutkit/runtime"],
  splitting: false,
});
`;

const VITEST_CONFIG = `import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starts a Prism mock for every spec generated into this package.
    globalSetup: ["./test/setup.ts"],
    // A limit that only catches a hang, never reached by a passing test: on a loaded two-core machine Prism's
    // first answer for an operation (it compiles the validators then) can take seconds. Never a timing assertion.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // *.test-d.ts files are compile-time tests: tsc checks them, and an unused @ts-expect-error fails the run.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
`;

const MIT = `MIT License

Copyright (c) 2026 checkoutkit contributors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;
