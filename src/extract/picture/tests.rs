//! The pictures of tests/fixtures/picture: 240 × 60 pixels, a black band,
//! a red one (a seal's ink) and a white one, in every format read.

use super::*;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/picture")
        .join(name);
    std::fs::read(path).unwrap()
}

const LIMIT: usize = 64 << 20;

/// The gray of the middle of each band: black, red, white.
fn bands(picture: &Gray) -> [u8; 3] {
    assert_eq!((picture.width, picture.height), (240, 60));
    assert_eq!(picture.pixels.len(), 240 * 60);
    [40, 120, 200].map(|x| picture.pixels[30 * 240 + x])
}

#[test]
fn colour_pictures_lose_their_red() {
    for name in [
        "bands.png",
        "bands-palette.png",
        "bands-rgba.png",
        "bands.jpg",
        "bands.gif",
        "bands.bmp",
        "bands-lzw.tif",
        "bands-cmyk.tif",
    ] {
        let picture = decode(&fixture(name), LIMIT).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let [black, red, white] = bands(&picture);
        assert!(black < 30, "{name}: black band {black}");
        assert!(red > 225, "{name}: red band {red}");
        assert!(white > 225, "{name}: white band {white}");
    }
}

#[test]
fn gray_and_bilevel_pictures_keep_their_levels() {
    let gray = decode(&fixture("bands-gray16.png"), LIMIT).unwrap();
    let [black, red, white] = bands(&gray);
    assert_eq!((black, white), (0, 255));
    // Already gray: the red band is its luminance, as the file has it.
    assert!((60..110).contains(&red), "{red}");
    let bilevel = decode(&fixture("bands-g4.tif"), LIMIT).unwrap();
    assert_eq!(bands(&bilevel), [0, 255, 255]);
}

#[test]
fn formats_are_told_by_content() {
    assert_eq!(format_of(&fixture("bands.png")), Format::Png);
    assert_eq!(format_of(&fixture("bands.jpg")), Format::Jpeg);
    assert_eq!(format_of(&fixture("bands.gif")), Format::Gif);
    assert_eq!(format_of(&fixture("bands.bmp")), Format::Bmp);
    assert_eq!(format_of(&fixture("bands-g4.tif")), Format::Tiff);
    let mut emf = vec![1, 0, 0, 0];
    emf.resize(40, 0);
    emf.extend_from_slice(b" EMF");
    assert_eq!(format_of(&emf), Format::Other("EMF"));
    assert_eq!(
        decode(b"\xD7\xCD\xC6\x9A\0\0", LIMIT),
        Err(PictureError::Unsupported("WMF"))
    );
    assert_eq!(format_of(b"RIFF\0\0\0\0WEBPVP8 "), Format::Other("WebP"));
    assert_eq!(
        format_of(b"<?xml version='1.0'?><svg>"),
        Format::Other("SVG")
    );
    assert_eq!(format_of(b""), Format::Other("unknown-format"));
}

#[test]
fn size_is_checked_before_pixels_are_made() {
    // 240 × 60 × 3 bytes is 43 200: one byte less is over the limit.
    assert_eq!(
        decode(&fixture("bands.png"), 43_199),
        Err(PictureError::OverLimit)
    );
    assert!(decode(&fixture("bands.png"), 43_200).is_ok());
    for name in ["bands.jpg", "bands.gif", "bands.bmp", "bands-lzw.tif"] {
        assert_eq!(decode(&fixture(name), 1000), Err(PictureError::OverLimit));
    }
    assert!(too_small(199, 100));
    assert!(too_small(1000, 39));
    assert!(!too_small(200, 40));
    assert!(!too_small(40, 200));
}

#[test]
fn crops_cut_the_sides_a_document_hides() {
    let picture = decode(&fixture("bands.png"), LIMIT).unwrap();
    let crop = Crop {
        left: 0.5,
        top: 0.25,
        right: 0.0,
        bottom: 0.25,
    };
    let cropped = picture.clone().cropped(&crop);
    assert_eq!((cropped.width, cropped.height), (120, 30));
    assert_eq!(cropped.pixels.len(), 120 * 30);
    assert!(cropped.pixels.iter().all(|&p| p > 225));
    // A crop that leaves nothing, or none, gives the whole picture.
    let everything = Crop {
        left: 0.6,
        right: 0.6,
        ..Crop::default()
    };
    assert_eq!(picture.clone().cropped(&everything), picture);
    assert_eq!(picture.clone().cropped(&Crop::default()), picture);
}

/// Every prefix of every fixture (a part cut short in the package), and
/// each with a byte flipped: errors as values, never a panic.
#[test]
fn truncated_and_damaged_pictures_fail_cleanly() {
    let names = [
        "bands.png",
        "bands-palette.png",
        "bands-gray16.png",
        "bands.jpg",
        "bands.gif",
        "bands.bmp",
        "bands-g4.tif",
        "bands-lzw.tif",
        "bands-cmyk.tif",
    ];
    for name in names {
        let bytes = fixture(name);
        let step = (bytes.len() / 97).max(1);
        for end in (0..bytes.len()).step_by(step) {
            let _ = codec_result(&bytes[..end]);
        }
        for at in (0..bytes.len()).step_by(step) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x5A;
            let _ = codec_result(&damaged);
        }
    }
}

/// The codec's own result, with no net for panics: a panic fails the test.
fn codec_result(bytes: &[u8]) -> Result<Gray, PictureError> {
    match format_of(bytes) {
        Format::Png => codecs::png(bytes, LIMIT),
        Format::Jpeg => codecs::jpeg(bytes, LIMIT),
        Format::Gif => codecs::gif(bytes, LIMIT),
        Format::Bmp => codecs::bmp(bytes, LIMIT),
        Format::Tiff => codecs::tiff(bytes, LIMIT),
        Format::Other(name) => Err(PictureError::Unsupported(name)),
    }
}

#[test]
fn transparent_pixels_lie_on_white_paper() {
    let samples = [0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 128];
    assert_eq!(
        gray_of(&samples, Channels::Rgba, 3).unwrap(),
        vec![255, 0, 127]
    );
    assert!(gray_of(&samples, Channels::Rgba, 4).is_err());
}
