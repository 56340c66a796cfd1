//! CBOR as Pagefind's files hold it: its structures are arrays of their fields, in
//! the order they are declared.

/// CBOR as Pagefind's files hold it (arrays, text, integers).
pub(crate) trait Cbor {
    fn cbor(&self, out: &mut Vec<u8>);
}

/// An item's head: its major type and its number (a length, or the value).
pub(crate) fn head(out: &mut Vec<u8>, major: u8, n: u64) {
    let m = major << 5;
    if n < 24 {
        out.push(m | n as u8);
    } else if n <= u8::MAX as u64 {
        out.extend_from_slice(&[m | 24, n as u8]);
    } else if n <= u16::MAX as u64 {
        out.push(m | 25);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else if n <= u32::MAX as u64 {
        out.push(m | 26);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    } else {
        out.push(m | 27);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

impl Cbor for usize {
    fn cbor(&self, out: &mut Vec<u8>) {
        head(out, 0, *self as u64);
    }
}

impl Cbor for u32 {
    fn cbor(&self, out: &mut Vec<u8>) {
        head(out, 0, u64::from(*self));
    }
}

impl Cbor for i32 {
    fn cbor(&self, out: &mut Vec<u8>) {
        if *self >= 0 {
            head(out, 0, *self as u64);
        } else {
            head(out, 1, (-1 - i64::from(*self)) as u64);
        }
    }
}

impl Cbor for String {
    fn cbor(&self, out: &mut Vec<u8>) {
        head(out, 3, self.len() as u64);
        out.extend_from_slice(self.as_bytes());
    }
}

impl<T: Cbor> Cbor for Vec<T> {
    fn cbor(&self, out: &mut Vec<u8>) {
        head(out, 4, self.len() as u64);
        for x in self {
            x.cbor(out);
        }
    }
}

/// A struct as an array of its fields.
macro_rules! cbor_struct {
    ($name:ident { $($field:ident),* }) => {
        impl $crate::cbor::Cbor for $name {
            fn cbor(&self, out: &mut Vec<u8>) {
                $crate::cbor::head(out, 4, [$(stringify!($field)),*].len() as u64);
                $($crate::cbor::Cbor::cbor(&self.$field, out);)*
            }
        }
    };
}
pub(crate) use cbor_struct;

pub(crate) fn encode(value: &impl Cbor) -> Vec<u8> {
    let mut out = Vec::new();
    value.cbor(&mut out);
    out
}
