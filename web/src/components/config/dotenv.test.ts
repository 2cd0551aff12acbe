import { describe, expect, it } from 'vitest';
import { EnvParseError, parseDotenv } from './dotenv';

describe('.env parsing (the same rules as the server import)', () => {
  it('reads names, export, quotes, comments and the secret marker', () => {
    const parsed = parseDotenv([
      '# team settings',
      'GREETING=bonjour',
      'export NEW_FLAG="on"',
      '',
      '# coderunner:secret',
      "DB_PASSWORD='pa ss # not a comment'",
      'PLAIN=value # a comment',
      'ESCAPED="line\\nnext \\"quoted\\""',
      'EMPTY=',
      '  SPACED  =  x  ',
    ].join('\r\n'));
    expect(parsed.entries).toEqual([
      ['GREETING', 'bonjour'],
      ['NEW_FLAG', 'on'],
      ['DB_PASSWORD', 'pa ss # not a comment'],
      ['PLAIN', 'value'],
      ['ESCAPED', 'line\nnext "quoted"'],
      ['EMPTY', ''],
      ['SPACED', 'x'],
    ]);
    expect([...parsed.secrets]).toEqual(['DB_PASSWORD']);
  });

  it('marks only the name right after the marker, and keeps the last of a repeated name', () => {
    const parsed = parseDotenv('# coderunner:secret\nA=1\nB=2\nA=3\n');
    expect([...parsed.secrets]).toEqual(['A']);
    expect(parsed.entries).toEqual([['B', '2'], ['A', '3']]);
  });

  it('names the line that is not NAME=value', () => {
    expect(() => parseDotenv('A=1\njust words\n')).toThrowError(EnvParseError);
    try {
      parseDotenv('A=1\n\n=nothing');
    } catch (e) {
      expect((e as EnvParseError).line).toBe(3);
      expect((e as Error).message).toBe('Line 3 is not NAME=value.');
    }
  });
});
