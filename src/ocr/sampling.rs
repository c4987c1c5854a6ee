//! Bilinear sampling of 8-bit gray images at fixed-point coordinates: the
//! inner loop of placing scanned images on a page and of deskewing it,
//! run for every pixel of a 300 dpi page (8.7 million for A4), so kept to
//! integer arithmetic.

/// Fixed-point coordinates carry 16 fractional bits: 1.0 is `ONE`.
pub const ONE: i64 = 1 << 16;

/// `value` in fixed point (truncated towards minus infinity).
pub fn fixed(value: f64) -> i64 {
    (value * ONE as f64).floor() as i64
}

/// The gray at fixed-point (`x`, `y`) of a `width` × `height` image, or
/// `None` outside the square between its first and last pixel centres.
pub fn inside(pixels: &[u8], width: usize, height: usize, x: i64, y: i64) -> Option<u8> {
    let last = |size: usize| (size.saturating_sub(1) as i64) * ONE;
    if x < 0 || y < 0 || x >= last(width) || y >= last(height) {
        return None;
    }
    Some(blend(pixels, width, x, y))
}

/// The gray at fixed-point (`x`, `y`), the image's edges extended beyond
/// it. An empty image is white.
pub fn clamped(pixels: &[u8], width: usize, height: usize, x: i64, y: i64) -> u8 {
    if width == 0 || height == 0 {
        return 255;
    }
    let x = x.clamp(0, (width as i64 - 1) * ONE);
    let y = y.clamp(0, (height as i64 - 1) * ONE);
    let (column, row) = ((x >> 16) as usize, (y >> 16) as usize);
    let right = usize::from(column + 1 < width);
    let below = if row + 1 < height { width } else { 0 };
    weigh(pixels, row * width + column, right, below, x, y)
}

/// Bilinear blend at a point known to lie inside (not on the last row or
/// column).
fn blend(pixels: &[u8], width: usize, x: i64, y: i64) -> u8 {
    let (column, row) = ((x >> 16) as usize, (y >> 16) as usize);
    weigh(pixels, row * width + column, 1, width, x, y)
}

/// The four pixels at `at`, `at + right`, `at + below` and both, weighed
/// by the fractions of `x` and `y` (8 bits each).
fn weigh(pixels: &[u8], at: usize, right: usize, below: usize, x: i64, y: i64) -> u8 {
    let (fx, fy) = (((x >> 8) & 0xFF) as u32, ((y >> 8) & 0xFF) as u32);
    let pixel = |offset: usize| u32::from(pixels[at + offset]);
    let top = pixel(0) * (256 - fx) + pixel(right) * fx;
    let bottom = pixel(below) * (256 - fx) + pixel(below + right) * fx;
    ((top * (256 - fy) + bottom * fy + (1 << 15)) >> 16) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    const IMAGE: [u8; 6] = [0, 100, 200, 50, 150, 250];

    #[test]
    fn pixel_centres_give_their_pixels_and_halfway_the_mean() {
        assert_eq!(clamped(&IMAGE, 3, 2, 0, 0), 0);
        assert_eq!(clamped(&IMAGE, 3, 2, 2 * ONE, ONE), 250);
        assert_eq!(clamped(&IMAGE, 3, 2, ONE / 2, 0), 50);
        assert_eq!(clamped(&IMAGE, 3, 2, ONE / 2, ONE / 2), 75);
        assert_eq!(inside(&IMAGE, 3, 2, ONE + ONE / 2, ONE / 2), Some(175));
    }

    #[test]
    fn outside_the_image() {
        assert_eq!(inside(&IMAGE, 3, 2, -1, 0), None);
        assert_eq!(inside(&IMAGE, 3, 2, 2 * ONE, 0), None);
        assert_eq!(clamped(&IMAGE, 3, 2, -5 * ONE, 9 * ONE), 50);
        assert_eq!(clamped(&[], 0, 0, 0, 0), 255);
        assert_eq!(clamped(&[7], 1, 1, ONE / 2, ONE / 2), 7);
        assert_eq!(inside(&[7], 1, 1, 0, 0), None);
    }

    #[test]
    fn fixed_point_floors() {
        assert_eq!(fixed(1.5), ONE + ONE / 2);
        assert_eq!(fixed(-0.5), -ONE / 2);
    }
}
