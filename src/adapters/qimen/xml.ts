// The XML codec of the QiMen (奇门) protocol (issue 14), over fast-xml-parser.
//
// Parsing refuses, before the parser sees the text: a body above the bound,
// and any `<!` construct other than a comment or CDATA — so no DOCTYPE, no
// internal DTD subset, no ENTITY declaration (the billion-laughs and external
// entity attacks need one). The parser itself runs with entity processing
// off, so even an entity reference the check missed is never expanded; the
// five predefined entities and numeric character references, which cannot
// expand to markup or to more than one character, are decoded afterwards by
// decodePredefined. Leaf values stay strings (item codes keep their zeros);
// attributes are ignored (QiMen documents carry none); nesting is bounded.
//
// Building escapes every text (&, <, >) and writes the declaration, so a
// document is never assembled by string concatenation of values.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlCodec } from '../../app/qimen.port.ts';
import { qfail, qok, type QimenResult } from '../../core/qimen.protocol.ts';

export interface XmlCodecOptions {
  /** Characters of a document parsed at most (the HTTP layer bounds bytes before this). */
  readonly textLengthMax: number;
}

/** Elements that may repeat in QiMen documents: always arrays, even when one is sent. */
const repeated = new Set(['orderLine', 'package', 'item', 'criteria']);
const nestingMax = 16;

/** `<!` not starting a comment or a CDATA section: a DOCTYPE, ENTITY, ELEMENT, ATTLIST … declaration. */
const declaration = /<!(?!--|\[CDATA\[)/;

const predefined: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and numeric references → characters; anything else stays as written. */
export function decodePredefined(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/g, (whole, name: string) => {
    if (name[0] !== '#') return predefined[name]!;
    const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    // XML's Char production: no NUL/controls other than tab, LF, CR; no surrogates; at most U+10FFFF.
    const allowed = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    return allowed ? String.fromCodePoint(cp) : whole;
  });
}

export class QimenXmlCodec implements XmlCodec {
  private readonly parser: XMLParser;
  private readonly builder: XMLBuilder;

  constructor(private readonly opts: XmlCodecOptions) {
    this.parser = new XMLParser({
      ignoreAttributes: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      trimValues: true,
      maxNestedTags: nestingMax,
      isArray: (name) => repeated.has(name),
      tagValueProcessor: (_name, value) => decodePredefined(value),
    });
    this.builder = new XMLBuilder({ ignoreAttributes: true, processEntities: true, suppressEmptyNode: false, format: false });
  }

  parse(text: string): QimenResult<unknown> {
    if (text.length > this.opts.textLengthMax) return qfail('BODY_TOO_LARGE', `the document is longer than ${this.opts.textLengthMax} characters`, 'body');
    if (declaration.test(text)) return qfail('XML_DTD_REFUSED', 'DOCTYPE, ENTITY and other declarations are not accepted', 'body');
    if (text.trim() === '') return qfail('XML_INVALID', 'the body is empty; a QiMen request is an XML document', 'body');
    const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
    if (valid !== true) return qfail('XML_INVALID', `line ${valid.err.line}: ${valid.err.msg}`, 'body');
    try {
      return qok(this.parser.parse(text));
    } catch (err) {
      return qfail('XML_INVALID', (err as Error).message.slice(0, 200), 'body');
    }
  }

  build(tree: object): string {
    return `<?xml version="1.0" encoding="utf-8"?>${this.builder.build(tree) as string}`;
  }
}
