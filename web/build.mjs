// Copies the browser libraries installed from package-lock.json into
// http/static/vendor, where the Go binary embeds them. Nothing is bundled:
// the libraries' own minified UMD builds are used as published, and the
// world atlas is wrapped in a script so pages need no fetch at run time.
//
// Run after `npm ci --prefix web` (the Makefile's `assets` target does both).
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = dirname(fileURLToPath(import.meta.url));
const modules = join(web, "node_modules");
const vendor = join(web, "..", "http", "static", "vendor");

// Scripts copied verbatim: [package, file in the package, name in vendor/].
const scripts = [
  ["d3", "dist/d3.min.js", "d3.min.js"],
  ["topojson-client", "dist/topojson-client.min.js", "topojson-client.min.js"],
];

// The country outlines (Natural Earth 1:50m, ISO 3166-1 numeric ids).
const atlas = ["world-atlas", "countries-50m.json", "world-50m.js"];

async function version(pkg) {
  const meta = JSON.parse(await readFile(join(modules, pkg, "package.json"), "utf8"));
  return meta.version;
}

async function main() {
  await rm(vendor, { recursive: true, force: true });
  await mkdir(vendor, { recursive: true });

  const licences = [];
  for (const [pkg, file, name] of scripts) {
    await copyFile(join(modules, pkg, file), join(vendor, name));
    licences.push([pkg, await version(pkg)]);
  }

  const [pkg, file, name] = atlas;
  const topo = JSON.parse(await readFile(join(modules, pkg, file), "utf8"));
  if (!topo.objects || !topo.objects.countries) {
    throw new Error(`${pkg}/${file}: no "countries" object; the atlas layout changed`);
  }
  // JSON.parse of a string literal is faster to load than an object literal
  // and cannot run code: the atlas stays data.
  const body = JSON.stringify(JSON.stringify(topo));
  await writeFile(
    join(vendor, name),
    `/* ${pkg} ${await version(pkg)} ${file}, Natural Earth (public domain) */\n` +
      `window.dossierAtlas=JSON.parse(${body});\n`,
  );
  licences.push([pkg, await version(pkg)]);

  let text = "Third-party browser libraries embedded in dossier.\n";
  for (const [p, v] of licences) {
    text += `\n== ${p} ${v} ==\n` + (await readFile(join(modules, p, "LICENSE"), "utf8"));
  }
  await writeFile(join(vendor, "LICENSES.txt"), text);

  console.log(`vendor: ${licences.map(([p, v]) => `${p}@${v}`).join(", ")} -> ${vendor}`);
}

main().catch((err) => {
  console.error(`web/build.mjs: ${err.message}`);
  console.error("hint: run `npm ci --prefix web` first (or `make assets`)");
  process.exit(1);
});
