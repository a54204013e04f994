#include <algorithm>
#include <exception>
#include <thread>

#include "core/sidecar/sidecar.hpp"

namespace hush {
namespace {

// Below this many secrets a second thread costs more than it saves.
constexpr std::size_t k_parallel_from = 64;
constexpr unsigned k_max_threads = 8;

}  // namespace

std::vector<SecretPayload> reveal_secrets(const Sidecar& sidecar,
                                          const std::vector<std::string>& names,
                                          const Keypair& keys) {
  std::vector<SecretPayload> out(names.size());
  std::vector<std::exception_ptr> failures(names.size());
  const auto open_range = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      try {
        out[i] = reveal_secret(sidecar, names[i], keys);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  };
  const unsigned cores = std::max(1u, std::min(std::thread::hardware_concurrency(), k_max_threads));
  const std::size_t threads = names.size() < k_parallel_from ? 1 : cores;
  const std::size_t per_thread = (names.size() + threads - 1) / threads;
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) {
    const std::size_t from = std::min(names.size(), t * per_thread);
    workers.emplace_back(open_range, from, std::min(names.size(), from + per_thread));
  }
  open_range(0, std::min(names.size(), per_thread));
  for (std::thread& worker : workers) worker.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  return out;
}

}  // namespace hush
