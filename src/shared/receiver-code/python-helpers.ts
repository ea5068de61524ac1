import { all, asymmetric, usesJson, type Plan } from './plan'

/** The helper functions the generated code calls, only those the scheme needs. */
export function helpers(p: Plan): string {
  const plans = all(p)
  const aliases = Object.assign({}, ...plans.map((x) => x.headerAliases)) as Record<string, string[]>
  const out = [
    `HEADER_ALIASES = ${JSON.stringify(aliases)}


class _Reject(Exception):
    pass


def _header(headers, name):
    for n in [name] + HEADER_ALIASES.get(name.lower(), []):
        for k, v in headers:
            if k.lower() == n.lower():
                return v
    return None


def _required(value):
    if value is None:
        raise _Reject("a signed value is missing")
    return value


def _decode_signature(text, encoding, url_encoded):
    t = unquote(text, errors="strict") if url_encoded else text
    if encoding == "utf8":
        return t.encode()
    if encoding == "hex":
        return bytes.fromhex(t) if re.fullmatch(r"(?:[0-9a-fA-F]{2})+", t) else None
    alphabet = r"[A-Za-z0-9_-]+={0,2}" if encoding == "base64url" else r"[A-Za-z0-9+/]+={0,2}"
    bare = t.rstrip("=")
    if not re.fullmatch(alphabet, t) or len(bare) % 4 == 1:
        return None
    padded = bare + "=" * (-len(bare) % 4)
    return base64.urlsafe_b64decode(padded) if encoding == "base64url" else base64.b64decode(padded)`
  ]
  if (plans.some((x) => x.timestamp))
    out.push(`def _timestamp_ms(value, unit):
    if unit == "rfc3339":
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000
        except ValueError:
            return None
    if not re.fullmatch(r"[0-9]{1,16}", value):
        return None
    return int(value) * 1000 if unit == "s" else int(value)`)
  if (plans.some((x) => x.format.kind === 'kv'))
    out.push(`def _kv_pairs(value, pair_separator, kv_separator):
    return [tuple(s.strip() for s in pair.split(kv_separator, 1)) for pair in value.split(pair_separator) if kv_separator in pair]`)
  if (plans.some(usesJson))
    out.push(`def _json_path(value, path):
    cur = value
    for k in path.split("."):
        if isinstance(cur, dict):
            cur = cur.get(k)
        elif isinstance(cur, list) and k.isdigit() and int(k) < len(cur):
            cur = cur[int(k)]
        else:
            return None
    return cur


def _scalar(v):
    """The value as JavaScript's String() writes it, which is what the provider signs."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dict, list)):
        return json.dumps(v, separators=(",", ":"), ensure_ascii=False)
    return str(v)`)
  out.push(`def _form_pairs(raw_body):
    return parse_qsl(raw_body.decode("utf-8", "replace"), keep_blank_values=True)


def _form_sorted(raw_body, kv_join, pair_join, exclude, skip_empty, sorted_unique):
    pairs = [(k, v) for k, v in _form_pairs(raw_body) if k not in exclude and not (skip_empty and v.strip() == "")]
    pairs.sort(key=(lambda kv: kv) if sorted_unique else (lambda kv: kv[0]))
    if sorted_unique:
        pairs = [kv for i, kv in enumerate(pairs) if i == 0 or kv != pairs[i - 1]]
    return pair_join.join(k + kv_join + v for k, v in pairs)


def _query_param(url, name, raw=False):
    """A query parameter, decoded, or as sent (raw), as a signature travels."""
    query = url.split("?", 1)[1].split("#", 1)[0] if "?" in url else ""
    if raw:
        pairs = [p.split("=", 1) if "=" in p else [p, ""] for p in query.split("&")]
        return next((v for k, v in pairs if k == name), None)
    return next((v for k, v in parse_qsl(query, keep_blank_values=True) if k == name), None)


def _request_path(url):
    m = re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*", url)
    return (url[m.end():] or "/") if m else url`)
  if (plans.some(asymmetric))
    out.push(`def _verified(check):
    try:
        check()
        return True
    except (InvalidSignature, ValueError):
        return False`)
  if (plans.some((x) => x.key.form === 'public-key'))
    out.push(`def _public_key(material):
    """A PEM public key or certificate, bare base64 DER (SubjectPublicKeyInfo), or a 32-byte hex Ed25519 key."""
    text = material.strip()
    if text.startswith("-----BEGIN CERTIFICATE"):
        return x509.load_pem_x509_certificate(text.encode()).public_key()
    if text.startswith("-----BEGIN"):
        return serialization.load_pem_public_key(text.encode())
    if re.fullmatch(r"[0-9a-fA-F]{64}", text):
        return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))
    return serialization.load_der_public_key(base64.b64decode(text))`)
  return out.join('\n\n\n')
}
