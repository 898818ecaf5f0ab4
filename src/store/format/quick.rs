//! A quick reader for annotation files as glossator writes them: the part of RON that
//! [`crate::store::to_ron`] uses (structs in parentheses without their names, lists, maps,
//! strings with the escapes it writes, whole numbers, `true`/`false`, `Some(..)`/`None`,
//! enum variants), read about four times as fast as the full RON reader (`cargo bench
//! --bench read`). Anything else (a comment, a raw string, a struct name,
//! `#![enable(..)]`, a number written another way) is not guessed at: the reading fails
//! and the caller reads the file again with the full RON reader, which also gives the
//! messages. So what this accepts means what RON says it means, and what it refuses is
//! refused or read by RON alone. Every path reads annotation files so (the browser's
//! summary, review, agreement, export, validate).

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

/// The file is not in the part of RON read here (or the types refused what it says).
#[derive(Debug)]
pub struct NotQuick;

impl fmt::Display for NotQuick {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the quick subset of RON")
    }
}

impl std::error::Error for NotQuick {}

impl de::Error for NotQuick {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self
    }
}

type Result<T> = std::result::Result<T, NotQuick>;

/// Reads `body` as a `T`, the whole of it; [`NotQuick`] when it is not in the subset.
pub fn from_str<'de, T: de::Deserialize<'de>>(body: &'de str) -> Result<T> {
    let mut r = Reader { s: body, at: 0 };
    let value = T::deserialize(&mut r)?;
    r.ws();
    if r.at == r.s.len() {
        Ok(value)
    } else {
        Err(NotQuick)
    }
}

struct Reader<'de> {
    s: &'de str,
    at: usize,
}

impl<'de> Reader<'de> {
    fn rest(&self) -> &'de [u8] {
        &self.s.as_bytes()[self.at..]
    }

    /// Skips whitespace; a comment is not read here.
    fn ws(&mut self) {
        let n = self
            .rest()
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
            .count();
        self.at += n;
    }

    /// The next byte after whitespace, not taken.
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.rest().first().copied()
    }

    /// Takes `b`, after whitespace, or fails.
    fn eat(&mut self, b: u8) -> Result<()> {
        if self.peek() == Some(b) {
            self.at += 1;
            Ok(())
        } else {
            Err(NotQuick)
        }
    }

    /// An identifier: a letter or `_`, then letters, digits and `_`.
    fn ident(&mut self) -> Result<&'de str> {
        self.ws();
        let rest = self.rest();
        if !rest
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        {
            return Err(NotQuick);
        }
        let n = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        // `r#name` and `r"..."` are RON's raw forms: left to RON.
        if rest.get(n) == Some(&b'#') || rest.get(n) == Some(&b'"') {
            return Err(NotQuick);
        }
        let id = &self.s[self.at..self.at + n];
        self.at += n;
        Ok(id)
    }

    /// A string in double quotes, with the escapes RON writes: `\"`, `\\`, `\n`, `\r`,
    /// `\t`, `\0`, `\'` and `\u{..}`.
    fn string(&mut self) -> Result<std::borrow::Cow<'de, str>> {
        self.eat(b'"')?;
        let start = self.at;
        let bytes = self.s.as_bytes();
        let mut i = start;
        while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\\' {
            i += 1;
        }
        if bytes.get(i) == Some(&b'"') {
            self.at = i + 1;
            return Ok(std::borrow::Cow::Borrowed(&self.s[start..i]));
        }
        let mut out = String::from(&self.s[start..i]);
        loop {
            match bytes.get(i) {
                None => return Err(NotQuick),
                Some(b'"') => {
                    self.at = i + 1;
                    return Ok(std::borrow::Cow::Owned(out));
                }
                Some(b'\\') => {
                    let (c, used) = escape(&self.s[i + 1..])?;
                    out.push(c);
                    i += 1 + used;
                }
                Some(_) => {
                    let run = bytes[i..]
                        .iter()
                        .take_while(|b| **b != b'"' && **b != b'\\')
                        .count();
                    out.push_str(&self.s[i..i + run]);
                    i += run;
                }
            }
        }
    }

    /// The digits of a number, with a leading `-` when `signed`; a number written any other
    /// way (`+1`, `1_000`, `0x1f`, `01`) is left to RON.
    fn digits(&mut self, signed: bool) -> Result<&'de str> {
        self.ws();
        let rest = self.rest();
        let minus = usize::from(signed && rest.first() == Some(&b'-'));
        let n = rest[minus..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = rest.get(minus + n).copied();
        if n == 0
            || (n > 1 && rest[minus] == b'0')
            || after.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        {
            return Err(NotQuick);
        }
        let digits = &self.s[self.at..self.at + minus + n];
        self.at += minus + n;
        Ok(digits)
    }

    fn number<T: std::str::FromStr>(&mut self, signed: bool) -> Result<T> {
        self.digits(signed)?.parse().map_err(|_| NotQuick)
    }

    /// After an element of a list, a map or a struct: a comma, or the closing `close`.
    /// True when there is another element.
    fn more(&mut self, close: u8, first: &mut bool, closed: &mut bool) -> Result<bool> {
        if *closed {
            return Ok(false);
        }
        if !std::mem::take(first) {
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b) if b == close => {}
                _ => return Err(NotQuick),
            }
        }
        if self.peek() == Some(close) {
            self.at += 1;
            *closed = true;
            return Ok(false);
        }
        Ok(true)
    }

    /// `open`, elements up to `close` read by `visitor`, and `close`.
    fn seq<V: Visitor<'de>>(&mut self, open: u8, close: u8, visitor: V) -> Result<V::Value> {
        self.eat(open)?;
        self.within(close, |r, closed| {
            visitor.visit_seq(Elements {
                r,
                close,
                first: true,
                closed,
            })
        })
    }

    /// `open`, `key: value` pairs up to `close` (a struct's fields when `fields`, a map's
    /// entries otherwise) read by `visitor`, and `close`.
    fn pairs<V: Visitor<'de>>(
        &mut self,
        (open, close): (u8, u8),
        fields: bool,
        visitor: V,
    ) -> Result<V::Value> {
        self.eat(open)?;
        self.within(close, |r, closed| {
            visitor.visit_map(Pairs {
                r,
                close,
                first: true,
                fields,
                closed,
            })
        })
    }

    /// Reads elements up to `close` with `visit`; a visitor that took all it wanted (a
    /// tuple's last element) leaves the end here: a trailing comma and `close`.
    fn within<T>(
        &mut self,
        close: u8,
        visit: impl FnOnce(&mut Self, &mut bool) -> Result<T>,
    ) -> Result<T> {
        let mut closed = false;
        let v = visit(self, &mut closed)?;
        if !closed {
            if self.peek() == Some(b',') {
                self.at += 1;
            }
            self.eat(close)?;
        }
        Ok(v)
    }
}

/// The character an escape stands for (`s` follows the backslash) and how many bytes it
/// took.
fn escape(s: &str) -> Result<(char, usize)> {
    let b = s.as_bytes();
    Ok(match b.first() {
        Some(b'"') => ('"', 1),
        Some(b'\\') => ('\\', 1),
        Some(b'\'') => ('\'', 1),
        Some(b'n') => ('\n', 1),
        Some(b'r') => ('\r', 1),
        Some(b't') => ('\t', 1),
        Some(b'0') => ('\0', 1),
        Some(b'u') if b.get(1) == Some(&b'{') => {
            let hex = b[2..].iter().take_while(|b| b.is_ascii_hexdigit()).count();
            if hex == 0 || hex > 6 || b.get(2 + hex) != Some(&b'}') {
                return Err(NotQuick);
            }
            let code = u32::from_str_radix(&s[2..2 + hex], 16).map_err(|_| NotQuick)?;
            (char::from_u32(code).ok_or(NotQuick)?, 3 + hex)
        }
        _ => return Err(NotQuick),
    })
}

/// Elements up to `close`, each read by the visitor.
struct Elements<'r, 'de> {
    r: &'r mut Reader<'de>,
    close: u8,
    first: bool,
    closed: &'r mut bool,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = NotQuick;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.r.more(self.close, &mut self.first, self.closed)? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.r).map(Some)
    }
}

/// `key: value` pairs up to `close`: a struct's fields (keys are identifiers) or a map's
/// entries.
struct Pairs<'r, 'de> {
    r: &'r mut Reader<'de>,
    close: u8,
    first: bool,
    fields: bool,
    closed: &'r mut bool,
}

impl<'de> de::MapAccess<'de> for Pairs<'_, 'de> {
    type Error = NotQuick;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.r.more(self.close, &mut self.first, self.closed)? {
            return Ok(None);
        }
        let key = if self.fields {
            let name = self.r.ident()?;
            seed.deserialize(name.into_deserializer())?
        } else {
            seed.deserialize(&mut *self.r)?
        };
        self.r.eat(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.r)
    }
}

/// An enum's variant: its name, then what it holds in parentheses, if anything.
struct Variant<'r, 'de> {
    r: &'r mut Reader<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = NotQuick;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.r.ident()?;
        let v = seed.deserialize(name.into_deserializer())?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = NotQuick;

    fn unit_variant(self) -> Result<()> {
        // `Todo()` and the like are RON's to judge.
        if self.r.peek() == Some(b'(') {
            return Err(NotQuick);
        }
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.r.eat(b'(')?;
        let v = seed.deserialize(&mut *self.r)?;
        self.r.eat(b')')?;
        Ok(v)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.r.seq(b'(', b')', visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.r.pairs((b'(', b')'), true, visitor)
    }
}

macro_rules! numbers {
    ($($method:ident $visit:ident $ty:ty, $signed:literal;)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            visitor.$visit(self.number::<$ty>($signed)?)
        })*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = NotQuick;

    /// What the value is is not guessed at: left to RON.
    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NotQuick)
    }

    numbers! {
        deserialize_u8 visit_u8 u8, false;
        deserialize_u16 visit_u16 u16, false;
        deserialize_u32 visit_u32 u32, false;
        deserialize_u64 visit_u64 u64, false;
        deserialize_i8 visit_i8 i8, true;
        deserialize_i16 visit_i16 i16, true;
        deserialize_i32 visit_i32 i32, true;
        deserialize_i64 visit_i64 i64, true;
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(NotQuick),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NotQuick)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NotQuick)
    }

    fn deserialize_char<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NotQuick)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            std::borrow::Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            std::borrow::Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NotQuick)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NotQuick)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "None" => visitor.visit_none(),
            "Some" => {
                self.eat(b'(')?;
                let v = visitor.visit_some(&mut *self)?;
                self.eat(b')')?;
                Ok(v)
            }
            _ => Err(NotQuick),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.eat(b'(')?;
        self.eat(b')')?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(NotQuick)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(NotQuick)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.seq(b'[', b']', visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.seq(b'(', b')', visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(NotQuick)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.pairs((b'{', b'}'), false, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.pairs((b'(', b')'), true, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(Variant { r: self })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NotQuick)
    }
}

#[cfg(test)]
#[path = "quick_tests.rs"]
mod tests;
