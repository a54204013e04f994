// The one write-all loop and the one interrupted-read retry, for every file descriptor hush
// writes or reads in pieces (files being written, pipes, the terminal, standard streams).
#pragma once
#include <sys/types.h>

#include <span>
#include <string_view>

namespace hush {

// Writes all of `bytes` to `fd`, retrying short writes and EINTR. False on the first failure,
// with errno set (EIO for a write that made no progress); how much was written is then unknown.
// Thread-safe for distinct descriptors.
[[nodiscard]] bool write_all(int fd, std::string_view bytes);

// One read(2) into `buffer`, retried on EINTR: the bytes read, 0 at end of input, -1 on an error
// (errno set; EAGAIN for a non-blocking descriptor with nothing to read).
[[nodiscard]] ssize_t read_some(int fd, std::span<char> buffer);

}  // namespace hush
