//! SigV4 verification: the canonical request is rebuilt from the request's own
//! SignedHeaders and body, and the signature compared in constant time.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

pub struct Credentials<'a> {
    pub access_key: &'a str,
    pub secret_key: &'a str,
    /// The region signatures must be scoped to; `None` accepts whichever the
    /// client signed for (the signature is checked with that region).
    pub region: Option<&'a str>,
    pub service: &'a str,
}

/// What the verifier needs of a request.
pub struct SignedRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    /// Header names lowercase; repeated headers appear once per value.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

fn header<'a>(req: &'a SignedRequest, name: &str) -> Option<&'a str> {
    req.headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Ok, or why the signature is refused (said to the client as is).
pub fn verify(req: &SignedRequest, creds: &Credentials) -> Result<(), String> {
    let auth =
        header(req, "authorization").ok_or("the request is not signed: no Authorization header")?;
    let fields = auth
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .ok_or("only AWS4-HMAC-SHA256 signatures are accepted")?;
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in fields.split(',') {
        match part.trim().split_once('=') {
            Some(("Credential", v)) => credential = Some(v),
            Some(("SignedHeaders", v)) => signed_headers = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => {}
        }
    }
    let (credential, signed_headers, signature) = match (credential, signed_headers, signature) {
        (Some(c), Some(h), Some(s)) => (c, h, s),
        _ => {
            return Err(
                "the Authorization header lacks Credential, SignedHeaders or Signature".into(),
            );
        }
    };
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key, date, region, service, terminator] = scope[..] else {
        return Err("malformed Credential in the Authorization header".into());
    };
    if access_key != creds.access_key {
        return Err(format!(
            "the access key {access_key} is not known to this endpoint"
        ));
    }
    if let Some(only) = creds.region
        && region != only
    {
        return Err(format!(
            "credential scope region '{region}' is not served here: this endpoint only accepts requests signed for '{only}' (--region)"
        ));
    }
    if service != creds.service {
        return Err(format!(
            "credential scope service '{service}' should be '{}'",
            creds.service
        ));
    }
    if terminator != "aws4_request" {
        return Err("credential scope must end in aws4_request".into());
    }
    let amz_date = header(req, "x-amz-date").ok_or("the X-Amz-Date header is missing")?;
    if !amz_date.starts_with(date) {
        return Err("X-Amz-Date does not match the credential scope date".into());
    }
    let names: Vec<&str> = signed_headers.split(';').collect();
    if !names.contains(&"host") {
        return Err("the host header must be signed".into());
    }

    let body_hash = hex::encode(Sha256::digest(req.body));
    if let Some(claimed) = header(req, "x-amz-content-sha256")
        && claimed != body_hash
        && claimed != "UNSIGNED-PAYLOAD"
    {
        return Err("X-Amz-Content-SHA256 does not match the body".into());
    }
    let mut canonical_headers = String::new();
    for name in &names {
        let values: Vec<String> = req
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if values.is_empty() {
            return Err(format!(
                "signed header '{name}' is missing from the request"
            ));
        }
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let payload_hash = match header(req, "x-amz-content-sha256") {
        Some("UNSIGNED-PAYLOAD") => "UNSIGNED-PAYLOAD".to_string(),
        _ => body_hash,
    };
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method,
        canonical_uri(req.path),
        canonical_query(req.query),
        canonical_headers,
        signed_headers,
        payload_hash
    );
    let scope = format!("{date}/{region}/{service}/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let mut key = hmac(
        format!("AWS4{}", creds.secret_key).as_bytes(),
        date.as_bytes(),
    );
    for part in [region, service, "aws4_request"] {
        key = hmac(&key, part.as_bytes());
    }
    let claimed = hex::decode(signature).map_err(|_| "the signature is not hex")?;
    let mut mac = HmacSha256::new_from_slice(&key).expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    mac.verify_slice(&claimed).map_err(|_| {
        "the request signature we calculated does not match the signature you provided; check your secret access key and signing method".to_string()
    })
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b'/' if keep_slash => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Non-S3 services sign the path URI-encoded once more (each segment).
fn canonical_uri(path: &str) -> String {
    if path.is_empty() {
        "/".into()
    } else {
        encode(path, true)
    }
}

fn canonical_query(query: &str) -> String {
    let decode = |s: &str| {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%'
                && let Some(Ok(b)) = s.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
            {
                out.push(b);
                i += 3;
                continue;
            }
            out.push(bytes[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (encode(&decode(k), false), encode(&decode(v), false))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    // The "get-vanilla" case of the AWS SigV4 test suite.
    #[test]
    fn aws_test_suite_get_vanilla() {
        let headers = vec![
            ("host".to_string(), "example.amazonaws.com".to_string()),
            ("x-amz-date".to_string(), "20150830T123600Z".to_string()),
            (
                "authorization".to_string(),
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31".to_string(),
            ),
        ];
        let req = SignedRequest {
            method: "GET",
            path: "/",
            query: "",
            headers: &headers,
            body: b"",
        };
        let creds = Credentials {
            access_key: "AKIDEXAMPLE",
            secret_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            region: Some("us-east-1"),
            service: "service",
        };
        assert_eq!(verify(&req, &creds), Ok(()));
        let any_region = Credentials {
            region: None,
            ..creds
        };
        assert_eq!(verify(&req, &any_region), Ok(()));
        let elsewhere = Credentials {
            region: Some("eu-west-1"),
            ..creds
        };
        assert!(verify(&req, &elsewhere).unwrap_err().contains("--region"));
        let wrong = Credentials {
            secret_key: "other",
            ..creds
        };
        assert!(verify(&req, &wrong).is_err());
    }

    #[test]
    fn query_is_sorted_and_encoded() {
        assert_eq!(canonical_query("b=2&a=1%20x"), "a=1%20x&b=2");
    }
}
