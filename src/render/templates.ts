import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { PACKAGE_ROOT } from '../package-root';
import { commentText, pythonLiteral, quoted } from './literals';

/**
 * The one Handlebars instance of the library: private (no global helpers leak in or out),
 * `noEscape` because the output is source code, not HTML, and `strict` so a misspelt field is an
 * error instead of an empty string. Values reach the output only through the literal helpers.
 */
const hbs = Handlebars.create();
hbs.registerHelper('py', (value: unknown) => pythonLiteral(value));
hbs.registerHelper('json', (value: unknown) => (typeof value === 'string' ? quoted(value) : JSON.stringify(value)));
hbs.registerHelper('doc', (value: string) => commentText(value));

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Renders a template file; `file` is relative to the package root, e.g. `templates/project/x.hbs`. */
export function renderTemplate(file: string, context: object): string {
  let template = compiled.get(file);
  if (!template) {
    const source = fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
    template = hbs.compile(source, { noEscape: true, strict: true });
    compiled.set(file, template);
  }
  return template(context);
}

/**
 * Registers a template file as a partial, used as `{{> name}}` or, chosen by the context,
 * `{{> (lookup . "field")}}`. Registering the same name again replaces it.
 */
export function registerTemplatePartial(name: string, file: string): void {
  hbs.registerPartial(name, fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8'));
}

/** Registers a helper on the library's private instance (for framework-specific needs). */
export function registerTemplateHelper(name: string, fn: Handlebars.HelperDelegate): void {
  hbs.registerHelper(name, fn);
}
