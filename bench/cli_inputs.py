"""Writes the inputs of the README's `corsage` command figures to /tmp: a file of 10,000 origins,
and two policies of 1,000 origins and 100 resources (10 blocks) that differ in one origin and one
method."""


def policy(changed):
    out = []
    for b in range(10):
        out.append("[[allow]]")
        origins = ['"https://o%d-%d.example.com"' % (b, i) for i in range(100)]
        if changed and b == 3:
            origins[5] = '"https://changed.example.com"'
        out.append("origins = [" + ", ".join(origins) + "]")
        for r in range(10):
            out.append("[[allow.resource]]")
            out.append('path = "/b%d/r%d/*"' % (b, r))
            methods = '["GET", "PUT", "DELETE"]' if changed and (b, r) == (7, 2) else '["GET", "PUT"]'
            out.append("methods = " + methods)
    return "\n".join(out) + "\n"


big = ", ".join('"https://app%d.example.com"' % i for i in range(10000))
open("/tmp/big10k.toml", "w").write('[[allow]]\norigins = [%s]\n[[allow.resource]]\npath = "/api/*"\n' % big)
open("/tmp/d_old.toml", "w").write(policy(False))
open("/tmp/d_new.toml", "w").write(policy(True))
