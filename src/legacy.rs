//! Vietnamese legacy 8-bit encodings (TCVN3, VNI, VISCII, VPS) → Unicode.
