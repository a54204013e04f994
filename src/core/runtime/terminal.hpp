// Talking to the user's terminal (/dev/tty), never to stdin/stdout: hidden prompts for secret
// values and passphrases, and typed confirmations. Without a terminal every call says so.
#pragma once
#include <hush/secret.hpp>
#include <optional>
#include <string>

namespace hush {

// Whether a terminal is available for prompts.
[[nodiscard]] bool has_terminal();
// Asks with echo off; nullopt when there is no terminal. The answer has no trailing newline and
// is read byte by byte into secure memory.
[[nodiscard]] std::optional<SecretValue> prompt_hidden(const std::string& prompt);
// Asks with echo on; nullopt when there is no terminal.
[[nodiscard]] std::optional<std::string> prompt_visible(const std::string& prompt);
// Whether stdin is a terminal (so --value-stdin would wait for typing).
[[nodiscard]] bool stdin_is_terminal();
// Reads all of stdin into secure memory, dropping one trailing newline ("\n" or "\r\n"). The
// bytes never pass through an ordinary buffer. Throws Error(io, "input-too-large") past
// k_stdin_value_limit (1 MiB).
[[nodiscard]] SecretBuffer read_stdin_secret_text();
// read_stdin_secret_text() as an immutable value.
[[nodiscard]] SecretValue read_stdin_secret();

}  // namespace hush
