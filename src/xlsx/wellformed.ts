/**
 * Well-formedness of XML parts, checked by saxes: a maintained streaming parser that follows
 * XML 1.0 (5th edition) and Namespaces in XML 1.0 and is tested against the W3C conformance
 * suite (ExcelJS reads workbooks with it). Every part the refresh reads or touches passes
 * through here once, before the offset scanner in xml.ts looks at it, so the scanner only
 * ever sees conformant XML: a missing </row>, an unbound prefix, a stray "<" or "&", a
 * control character or a second root element is refused, not patched and passed on. Parts
 * the refresh writes as a whole string are checked the same way before they are zipped.
 */

import { SaxesParser } from 'saxes';
import { DamagedPartError } from './damage';

/** The reason clause for a saxes error message ("3:17: unclosed tag: row"). */
function reasonOf(message: string): string {
  const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(message);
  const what = (m ? m[3]! : message).split('\n')[0]!.replace(/\.$/, '').slice(0, 120);
  return m
    ? `is not well-formed XML (line ${m[1]}, column ${m[2]}: ${what})`
    : `is not well-formed XML (${what})`;
}

/** A check fed piece by piece (for parts produced as a stream). */
export class WellFormedCheck {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private failure: DamagedPartError | null = null;

  constructor() {
    this.parser.on('error', (err) => {
      // The first error is the one to report; stop there rather than recover.
      throw new DamagedPartError(null, reasonOf(err.message));
    });
    this.parser.on('doctype', () => {
      // OPC (ECMA-376 Part 2, M1.18): a DTD in a package part is an error, never processed.
      throw new DamagedPartError(
        null,
        'holds a DTD (<!DOCTYPE …>), which Office files may not contain',
      );
    });
  }

  /** Feeds more text; throws DamagedPartError (without a part name) at the first error. */
  write(text: string): void {
    if (this.failure) throw this.failure;
    try {
      this.parser.write(text);
    } catch (err) {
      this.failure = asDamage(err);
      throw this.failure;
    }
  }

  /** Ends the document (an unclosed element or a missing root is reported here). */
  close(): void {
    if (this.failure) throw this.failure;
    try {
      this.parser.close();
    } catch (err) {
      this.failure = asDamage(err);
      throw this.failure;
    }
  }
}

function asDamage(err: unknown): DamagedPartError {
  if (err instanceof DamagedPartError) return err;
  return new DamagedPartError(null, reasonOf(err instanceof Error ? err.message : String(err)));
}

/** Throws DamagedPartError (without a part name) unless `text` is a well-formed document. */
export function checkWellFormed(text: string): void {
  const check = new WellFormedCheck();
  check.write(text);
  check.close();
}
