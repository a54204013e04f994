// Private to check: what kind of bytes a file holds, so that no file is skipped for its
// encoding. UTF-16 text is decoded to UTF-8 before the rules run; anything else with a NUL byte
// is scanned as bytes (the detection rules look for ASCII credentials either way).
#pragma once
#include <string>
#include <string_view>

namespace hush {

enum class ContentClass { text, utf16le, utf16be, bytes };

// From the first bytes of a file (the whole file, or its first window when it is streamed): a
// UTF-16 byte-order mark, or at least 60% of the first 64 KiB's byte pairs holding exactly one
// NUL on the same side (ASCII text in UTF-16 without a mark), is UTF-16; any other NUL byte makes
// it bytes; else text (which may still be invalid UTF-8).
[[nodiscard]] ContentClass classify_content(std::string_view head);

// UTF-16 `bytes` (little- or big-endian) as UTF-8. A byte-order mark at the start is dropped when
// `at_start`; an unpaired surrogate or a trailing odd byte becomes U+FFFD. Line ends are kept, so
// lines are numbered as in the original file.
[[nodiscard]] std::string decode_utf16(std::string_view bytes, bool little_endian, bool at_start);

}  // namespace hush
