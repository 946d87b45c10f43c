import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
  test('rules: 12 characters at least (counted as characters, not bytes), 256 at most, not the username', () => {
    expect(passwordProblem('短密码短密码短密码短密码', 'li')).toBeUndefined();
    expect(passwordProblem('eleven char', 'li')).toBe('a password has at least 12 characters');
    expect(passwordProblem('x'.repeat(257), 'li')).toBe('a password has at most 256 characters');
    expect(passwordProblem('my name is Zhang.Wei!', 'zhang.wei')).toBe('a password must not contain the username');
  });
  test('a hash verifies its password only; each hash has its own salt; a malformed hash verifies nothing', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'md5$abc')).toBe(false);
  });
});
