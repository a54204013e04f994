#include "core/workflow/redact_flow.hpp"

#include <cerrno>
#include <cstring>
#include <hush/source.hpp>

#include "core/base/fdio.hpp"
#include "core/runtime/inject.hpp"

namespace hush {

std::vector<NamedSecret> values_to_mask(const std::vector<std::string>& names,
                                        const Environment& environment,
                                        const std::function<SidecarStore()>& open_store,
                                        const Notices& notices) {
  std::vector<NamedSecret> values;
  for (const std::string& name : names) {
    const SecretValue* value = environment.find(name);
    if (value == nullptr) value = environment.credential(name);
    if (value == nullptr) {
      notices.caution("environment variable " + name + " is not set; nothing to mask for it");
      continue;
    }
    values.push_back({name, value->clone()});
  }
  if (open_store) {
    const SidecarStore store = open_store();
    for (InjectedSecret& s : sidecar_secrets(store.sidecar(), store.unlock(), {})) {
      values.push_back({s.env_name(), s.value->clone()});
    }
  }
  // Whatever else this process holds (HUSH_KEY, a passphrase) is masked in the stream too.
  visit_revealed(0, [&](const std::string& name, const SecretValue& value) {
    values.push_back({name, value.clone()});
  });
  return values;
}

void copy_redacted(int in_fd, const Redactor& redactor,
                   const std::function<void(std::string_view)>& sink) {
  RedactStream stream(redactor, sink);
  char buffer[65536];
  for (;;) {
    const ssize_t n = read_some(in_fd, buffer);
    if (n <= 0) break;
    stream.write(std::string_view(buffer, static_cast<std::size_t>(n)));
  }
  stream.finish();
}

void copy_redacted_to(int in_fd, int out_fd, const Redactor& redactor) {
  copy_redacted(in_fd, redactor, [out_fd](std::string_view piece) {
    if (!write_all(out_fd, piece)) {
      throw Error(ErrorKind::io, "write-failed",
                  std::string("cannot write the output: ") + std::strerror(errno));
    }
  });
}

}  // namespace hush
