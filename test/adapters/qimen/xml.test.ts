// The QiMen XML codec (issue 14): hostile documents are refused before
// parsing, text round-trips escaped, leaves stay strings, lists stay lists.
import { describe, expect, it } from 'vitest';
import { decodePredefined, QimenXmlCodec } from '../../../src/adapters/qimen/xml.ts';

const codec = new QimenXmlCodec({ textLengthMax: 10_000 });

describe('hostile XML', () => {
  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE request [<!ENTITY a "x">]><request>&a;</request>'],
    ['billion laughs', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><request>&lol2;</request>'],
    ['an external entity', '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><request>&xxe;</request>'],
    ['a lower-case doctype', '<!doctype request><request/>'],
    ['an ELEMENT declaration alone', '<!ELEMENT request ANY><request/>'],
  ])('%s is XML_DTD_REFUSED', (_what, text) => {
    expect(codec.parse(text)).toEqual({ ok: false, fault: expect.objectContaining({ code: 'XML_DTD_REFUSED', param: 'body' }) });
  });

  it('an undeclared entity reference is not expanded (entity processing is off)', () => {
    const r = codec.parse('<request><remark>&lol;</remark></request>');
    // Either refused as malformed or kept verbatim: never replaced by anything.
    if (r.ok) expect((r.value as any).request.remark).toBe('&lol;');
    else expect(r.fault.code).toBe('XML_INVALID');
  });

  it('malformed XML is XML_INVALID with the line', () => {
    const r = codec.parse('<request>\n<a></b></request>');
    expect(r).toEqual({ ok: false, fault: expect.objectContaining({ code: 'XML_INVALID' }) });
    expect(codec.parse('')).toEqual({ ok: false, fault: expect.objectContaining({ code: 'XML_INVALID' }) });
  });

  it('a document over the bound is BODY_TOO_LARGE', () => {
    const small = new QimenXmlCodec({ textLengthMax: 100 });
    expect(small.parse(`<request>${'x'.repeat(200)}</request>`)).toEqual({ ok: false, fault: expect.objectContaining({ code: 'BODY_TOO_LARGE' }) });
  });

  it('nesting deeper than the bound is refused', () => {
    const deep = `${'<a>'.repeat(40)}x${'</a>'.repeat(40)}`;
    expect(codec.parse(deep).ok).toBe(false);
  });

  it('a __proto__ element does not pollute objects', () => {
    const r = codec.parse('<request><__proto__><polluted>yes</polluted></__proto__></request>');
    expect(({} as any).polluted).toBeUndefined();
    if (r.ok) expect(Object.getPrototypeOf((r.value as any).request)).toBe(Object.prototype);
  });
});

describe('documents', () => {
  it('predefined entities and character references are decoded, leaves stay strings, repeated elements are arrays', () => {
    const r = codec.parse('<?xml version="1.0" encoding="utf-8"?><request><a>A &amp; B &lt;c&gt; &#20013;&#x6587;</a><code>007</code>'
      + '<packages><package><expressCode>0012</expressCode></package></packages><!-- note --><c><![CDATA[raw]]></c></request>');
    expect(r).toEqual({ ok: true, value: { request: { a: 'A & B <c> 中文', code: '007', packages: { package: [{ expressCode: '0012' }] }, c: 'raw' } } });
  });

  it('a control character reference is left as written', () => {
    expect(decodePredefined('a&#1;b')).toBe('a&#1;b');
  });

  it('building escapes text and parses back to the same tree', () => {
    const tree = { request: { remark: 'x < y & "z" 仓', orderLines: { orderLine: [{ itemCode: 'A' }, { itemCode: 'B' }] } } };
    const xml = codec.build(tree);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><request>')).toBe(true);
    expect(xml).toContain('x &lt; y &amp;');
    expect(codec.parse(xml)).toEqual({ ok: true, value: tree });
  });
});
