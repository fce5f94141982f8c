//! Pictures a letter shows (its `cid:` parts, remote images once allowed), decoded here, off the
//! window's thread, within fixed bounds: a picture's size is read from its header before any
//! pixel is decoded, and one larger than [`MAX_SIDE`] or [`MAX_PIXELS`] is refused, so a 249 KB
//! PNG claiming 16000x16000 pixels (1 GB decoded) costs nothing. What is decoded is scaled down
//! to [`SHOWN_SIDE`] for the reader, which never gets more pixels than it can draw.

use image::{ImageReader, Limits};
use std::io::Cursor;

/// Widest or tallest picture decoded.
pub const MAX_SIDE: u32 = 8192;
/// Most pixels decoded in one picture (4096x4096; 64 MB as RGBA while it is scaled).
pub const MAX_PIXELS: u64 = 4096 * 4096;
/// Largest side of what the reader gets: wider than any reading pane.
pub const SHOWN_SIDE: u32 = 2048;
/// What the decoder itself may allocate, on top of the picture's pixels (same bound as them).
const MAX_DECODER_ALLOC: u64 = MAX_PIXELS * 4 + 16 * 1024 * 1024;

/// A picture ready to draw: RGBA, 8 bits a channel, rows top to bottom.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodedImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for DecodedImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DecodedImage({}x{})", self.width, self.height)
    }
}

impl DecodedImage {
    /// Bytes its pixels take.
    pub fn memory(&self) -> usize {
        self.rgba.len()
    }
}

/// Why a picture is not shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Its header claims more pixels than Pochta decodes.
    TooLarge { width: u32, height: u32 },
    /// Not a PNG, JPEG or GIF, or damaged.
    Unreadable(String),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sentence = match self {
            Refused::TooLarge { width, height } => {
                crate::fl!("reader-picture-too-large", width = width.to_string(), height = height.to_string())
            }
            Refused::Unreadable(why) => crate::fl!("reader-picture-unreadable", reason = why.as_str()),
        };
        f.write_str(&sentence)
    }
}

/// The size a picture's header claims, without decoding it.
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), Refused> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|err| Refused::Unreadable(err.to_string()))?;
    reader.into_dimensions().map_err(|err| Refused::Unreadable(err.to_string()))
}

/// Decodes `bytes` if its header's size is within bounds, scaled down to fit [`SHOWN_SIDE`].
pub fn decode_bounded(bytes: &[u8]) -> Result<DecodedImage, Refused> {
    let (width, height) = dimensions(bytes)?;
    if width == 0 || height == 0 {
        return Err(Refused::Unreadable("it has no pixels".into()));
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refused::TooLarge { width, height });
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|err| Refused::Unreadable(err.to_string()))?;
    // The decoder checks again: a GIF's frames, or a header that changes its mind, stay bounded.
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODER_ALLOC);
    reader.limits(limits);
    let mut picture = reader.decode().map_err(|err| Refused::Unreadable(err.to_string()))?;
    if picture.width() > SHOWN_SIDE || picture.height() > SHOWN_SIDE {
        picture = picture.thumbnail(SHOWN_SIDE, SHOWN_SIDE);
    }
    let rgba = picture.into_rgba8();
    Ok(DecodedImage { width: rgba.width(), height: rgba.height(), rgba: rgba.into_raw() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid PNG of `width`x`height` black pixels, compressed (a bomb is tiny on the wire).
    pub fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let picture = image::GrayImage::new(width, height);
        picture.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn a_picture_too_large_is_refused_from_its_header_alone() {
        // The header of a 16000x16000 PNG, as the bomb fixture holds: IHDR and nothing decodable.
        let bomb =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile/png_16000x16000.png")).unwrap();
        assert_eq!(dimensions(&bomb), Ok((16000, 16000)));
        assert_eq!(decode_bounded(&bomb), Err(Refused::TooLarge { width: 16000, height: 16000 }));
        assert_eq!(decode_bounded(&png(9000, 10)), Err(Refused::TooLarge { width: 9000, height: 10 }));
        assert_eq!(decode_bounded(&png(5000, 5000)), Err(Refused::TooLarge { width: 5000, height: 5000 }));
    }

    #[test]
    fn a_picture_within_bounds_is_decoded_and_scaled_to_the_pane() {
        let small = decode_bounded(&png(3, 2)).unwrap();
        assert_eq!((small.width, small.height, small.rgba.len()), (3, 2, 24));
        let wide = decode_bounded(&png(4096, 1024)).unwrap();
        assert_eq!((wide.width, wide.height), (2048, 512), "scaled down, the same shape");
    }

    #[test]
    fn garbage_is_a_reason_not_a_panic() {
        assert!(matches!(decode_bounded(b"\x89PNG\r\n\x1a\nnot really"), Err(Refused::Unreadable(_))));
        assert!(matches!(decode_bounded(b""), Err(Refused::Unreadable(_))));
        let mut truncated = png(100, 100);
        truncated.truncate(truncated.len() / 2);
        assert!(decode_bounded(&truncated).is_err());
    }
}
