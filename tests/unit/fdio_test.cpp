#include "core/base/fdio.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <string>

TEST_CASE("fdio: write_all writes every byte and read_some reads them back", "[fdio]") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string text(40000, 'x');  // fits the pipe buffer (64 KiB) in one go or several
  REQUIRE(hush::write_all(fds[1], text));
  ::close(fds[1]);
  std::string got;
  char buffer[4096];
  for (ssize_t n; (n = hush::read_some(fds[0], buffer)) > 0;) got.append(buffer, n);
  ::close(fds[0]);
  CHECK(got == text);
}

TEST_CASE("fdio: a failed write reports false with errno set", "[fdio]") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  ::close(fds[1]);
  errno = 0;
  CHECK_FALSE(hush::write_all(fds[0], "text"));  // the read end cannot be written
  CHECK(errno == EBADF);
  ::close(fds[0]);
}

TEST_CASE("fdio: read_some reports EAGAIN on an empty non-blocking pipe", "[fdio]") {
  int fds[2];
  REQUIRE(::pipe2(fds, O_NONBLOCK) == 0);
  char buffer[16];
  CHECK(hush::read_some(fds[0], buffer) == -1);
  CHECK(errno == EAGAIN);
  ::close(fds[0]);
  ::close(fds[1]);
}
