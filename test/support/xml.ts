/**
 * A strict well-formedness check for the SVG we write: one root element, every tag closed in
 * order, attributes quoted, no stray '<' or unescaped '&'. Returns the problem, or null.
 */
export function xmlProblem(text: string): string | null {
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<\?xml[^>]*\?>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (let match = token.exec(text); match; match = token.exec(text)) {
    const between = text.slice(last, match.index);
    if (/[<>]/.test(between)) return `stray markup before offset ${match.index}: ${JSON.stringify(between.slice(0, 40))}`;
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(between + (match[3] ?? ''))) return `unescaped & near offset ${match.index}`;
    last = token.lastIndex;
    const [, closing, name, , selfClosing] = match;
    if (name === undefined) continue;
    if (closing) {
      if (stack.pop() !== name) return `</${name}> closes nothing open at offset ${match.index}`;
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
  }
  if (/[<>]/.test(text.slice(last))) return 'stray markup at the end';
  if (stack.length > 0) return `<${stack.at(-1)}> never closed`;
  return roots === 1 ? null : `${roots} root elements`;
}
