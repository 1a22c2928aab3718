// Builds the front-end files shipped inside the Python package (src/doorstroom/web/static/vendor/):
//   nlds.css     the NL Design System: the "Voorbeeld" theme's design tokens and the Utrecht
//                component library's CSS (both EUPL-1.2), concatenated, comments other than
//                licence headers removed;
//   htmx.min.js  htmx (0BSD), as published;
//   HERKOMST.json which package and version each file came from, with its licence.
// Run after changing package.json:  npm ci && npm run build   (see docs/web.md)
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const hier = dirname(fileURLToPath(import.meta.url));
const doel = join(hier, "..", "src", "doorstroom", "web", "static", "vendor");
const modules = join(hier, "node_modules");

function pakket(naam) {
  return JSON.parse(readFileSync(join(modules, naam, "package.json"), "utf8"));
}

function zonderCommentaar(css) {
  // keep /*! ... */ and @license blocks; drop other comments and blank lines
  return css
    .replace(/\/\*(?![!])(?![\s\S]*?@license)[\s\S]*?\*\//g, "")
    .split("\n")
    .map((regel) => regel.trimEnd())
    .filter((regel) => regel.length > 0)
    .join("\n");
}

const bronnen = [
  ["@nl-design-system-unstable/voorbeeld-design-tokens", "dist/theme.css"],
  ["@utrecht/component-library-css", "dist/index.css"],
];
mkdirSync(doel, { recursive: true });
const delen = bronnen.map(([naam, bestand]) => {
  const p = pakket(naam);
  const kop = `/*! ${naam}@${p.version} (${p.license}) */`;
  return kop + "\n" + zonderCommentaar(readFileSync(join(modules, naam, bestand), "utf8"));
});
writeFileSync(join(doel, "nlds.css"), delen.join("\n") + "\n");

const htmx = pakket("htmx.org");
writeFileSync(join(doel, "htmx.min.js"), readFileSync(join(modules, "htmx.org", "dist", "htmx.min.js")));

const herkomst = Object.fromEntries(
  [...bronnen.map(([naam]) => naam), "htmx.org"].map((naam) => {
    const p = pakket(naam);
    return [naam, { versie: p.version, licentie: p.license }];
  }),
);
herkomst["htmx.org"].licentie = htmx.license;
writeFileSync(join(doel, "HERKOMST.json"), JSON.stringify(herkomst, null, 2) + "\n");
console.log("geschreven:", doel);
