//! A domain host as the URL Standard's host parser reads it
//! (<https://url.spec.whatwg.org/#host-parsing>): a host whose last label is a number is an IPv4
//! address, written by browsers in its dotted-decimal form; `xn--` labels must decode as
//! Punycode; and a name longer than DNS allows can never be reached. Each returns what browsers
//! would do instead, so the policy can say what to write.

/// How the URL parser reads a host that ends in a number.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum NumericHost {
    /// Not an IPv4 address: an ordinary domain.
    Domain,
    /// An IPv4 address, whose dotted-decimal form browsers send.
    Ipv4(std::net::Ipv4Addr),
    /// A host the URL parser refuses: no page can have it as its origin.
    Invalid,
}

/// The URL Standard's "ends in a number" and IPv4 parser: `127.1` is `127.0.0.1`, `1` is
/// `0.0.0.1`, `0x7f.1` is `127.0.0.1`, and `foo.bar.255` or `127.0.0.1.1` fail.
pub(super) fn numeric_host(host: &str) -> NumericHost {
    let mut parts: Vec<&str> = host.split('.').collect();
    if parts.last() == Some(&"") {
        if parts.len() == 1 {
            return NumericHost::Domain;
        }
        parts.pop();
    }
    let last = parts.last().copied().unwrap_or_default();
    let ends_in_number = (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()))
        || ipv4_number(last).is_some();
    if !ends_in_number {
        return NumericHost::Domain;
    }
    if parts.len() > 4 {
        return NumericHost::Invalid;
    }
    let Some(numbers) = parts
        .iter()
        .map(|part| ipv4_number(part))
        .collect::<Option<Vec<u64>>>()
    else {
        return NumericHost::Invalid;
    };
    let (last, leading) = numbers.split_last().expect("one part at least");
    if leading.iter().any(|&n| n > 255) || *last >= 256u64.pow(5 - numbers.len() as u32) {
        return NumericHost::Invalid;
    }
    let address = leading
        .iter()
        .enumerate()
        .fold(*last, |address, (i, &n)| address + (n << (8 * (3 - i))));
    NumericHost::Ipv4(std::net::Ipv4Addr::from(address as u32))
}

/// One part of an IPv4 address: decimal, `0x` hexadecimal, or `0`-prefixed octal.
fn ipv4_number(part: &str) -> Option<u64> {
    let (digits, radix) =
        if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (hex, 16)
        } else if part.len() > 1 && part.starts_with('0') {
            (&part[1..], 8)
        } else {
            (part, 10)
        };
    if digits.is_empty() {
        // `0x` alone is zero; an empty part is not a number.
        return (radix == 16).then_some(0);
    }
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // Longer than any address part: refused as out of range, without overflowing.
    Some(u64::from_str_radix(digits, radix).unwrap_or(u64::MAX))
}

/// Why DNS cannot resolve `host` (a domain), if it cannot: a name over 253 bytes or a label over
/// 63, with one trailing dot allowed.
pub(super) fn dns_length_problem(host: &str) -> Option<String> {
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.len() > 253 {
        return Some(format!(
            "this host is {} bytes long, and DNS names are at most 253, so no browser can reach it",
            name.len()
        ));
    }
    let long = name.split('.').find(|label| label.len() > 63)?;
    Some(format!(
        "the label `{}…` is {} bytes long, and DNS labels are at most 63, so no browser can reach this host",
        &long[..16],
        long.len()
    ))
}

/// Whether an `xn--` label decodes as Punycode (RFC 3492) to a label with a character beyond
/// ASCII; browsers refuse a URL whose host has one that does not.
pub(super) fn is_valid_punycode_label(label: &str) -> bool {
    let Some(encoded) = label.strip_prefix("xn--") else {
        return true;
    };
    punycode_decode(encoded).is_some_and(|decoded| decoded.iter().any(|&c| c > 0x7f))
}

/// RFC 3492's decoder, on the lowercase ASCII a policy's host holds.
fn punycode_decode(encoded: &str) -> Option<Vec<u32>> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    let (basic, extended) = match encoded.rfind('-') {
        Some(dash) => (&encoded[..dash], &encoded[dash + 1..]),
        None => ("", encoded),
    };
    let mut output: Vec<u32> = basic.bytes().map(u32::from).collect();
    if !basic.is_ascii() {
        return None;
    }
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = extended.bytes().peekable();
    while digits.peek().is_some() {
        let old_i = i;
        let mut weight = 1u32;
        let mut k = BASE;
        loop {
            let digit = match digits.next()? {
                byte @ b'a'..=b'z' => u32::from(byte - b'a'),
                byte @ b'0'..=b'9' => u32::from(byte - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let threshold = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if digit < threshold {
                break;
            }
            weight = weight.checked_mul(BASE - threshold)?;
            k += BASE;
        }
        let length = output.len() as u32 + 1;
        bias = adapt(i - old_i, length, old_i == 0);
        n = n.checked_add(i / length)?;
        i %= length;
        if n > 0x10ffff || (0xd800..=0xdfff).contains(&n) {
            return None;
        }
        output.insert(i as usize, n);
        i += 1;
    }
    Some(output)
}

fn adapt(delta: u32, length: u32, first: bool) -> u32 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / length;
    let mut k = 0;
    while delta > ((36 - 1) * 26) / 2 {
        delta /= 36 - 1;
        k += 36;
    }
    k + (36 * delta) / (delta + 38)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_that_end_in_a_number_are_ipv4_addresses() {
        let ipv4 = |host: &str| match numeric_host(host) {
            NumericHost::Ipv4(address) => Some(address.to_string()),
            _ => None,
        };
        for (host, address) in [
            ("1", "0.0.0.1"),
            ("127.1", "127.0.0.1"),
            ("127.0.0.1", "127.0.0.1"),
            ("127.0.0.1.", "127.0.0.1"),
            ("0x7f.1", "127.0.0.1"),
            ("0177.0.0.1", "127.0.0.1"),
            ("192.168.257", "192.168.1.1"),
            ("4294967295", "255.255.255.255"),
        ] {
            assert_eq!(ipv4(host).as_deref(), Some(address), "{host}");
        }
        for host in [
            "127.0.0.1.1",
            "foo.bar.255",
            "256.0.0.1",
            "4294967296",
            "0x.0x.0x.0x.0x",
        ] {
            assert_eq!(numeric_host(host), NumericHost::Invalid, "{host}");
        }
        for host in ["example.com", "a1.b2", "1a", "example.com."] {
            assert_eq!(numeric_host(host), NumericHost::Domain, "{host}");
        }
    }

    #[test]
    fn punycode_labels_must_decode() {
        for label in ["xn--bcher-kva", "xn--mnchen-3ya", "xn--fiqs8s", "example"] {
            assert!(is_valid_punycode_label(label), "{label}");
        }
        for label in ["xn--f", "xn--", "xn--abc-", "xn--zzzzzzzzzzzzzz"] {
            assert!(!is_valid_punycode_label(label), "{label}");
        }
    }

    #[test]
    fn names_beyond_dns_lengths_are_unreachable() {
        let label = "a".repeat(63);
        let long_label = "a".repeat(64);
        assert_eq!(dns_length_problem(&format!("{label}.test")), None);
        assert!(dns_length_problem(&format!("{long_label}.test")).is_some());
        let host = [label.as_str(); 4].join(".");
        assert_eq!(host.len(), 255);
        assert!(dns_length_problem(&host).is_some());
        assert_eq!(dns_length_problem(&host[2..]), None);
        assert_eq!(dns_length_problem(&format!("{}.", &host[2..])), None);
    }
}
