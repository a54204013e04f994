#include "core/runtime/inject.hpp"

#include "core/model/config_model.hpp"
#include "core/base/fsutil.hpp"

#include <algorithm>
#include <set>
#include <sys/stat.h>

namespace hush {
namespace {

void ensure_private_directory(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) {
    std::filesystem::create_directories(dir, error);
    if (error || ::chmod(dir.c_str(), 0700) != 0) {
      throw Error(ErrorKind::io, "write-failed", "cannot create directory " + dir.string());
    }
    return;
  }
  if (!std::filesystem::is_directory(dir, error)) {
    throw Error(ErrorKind::invalid_input, "unsafe-directory", dir.string() + " is not a directory");
  }
  if ((permission_bits(dir) & 0077) != 0) {
    throw Error(ErrorKind::invalid_input, "unsafe-directory",
                dir.string() + " can be accessed by group or others; use a directory with mode "
                "0700 (chmod 700 " + dir.string() + ")");
  }
}

}  // namespace

std::string InjectedSecret::env_name() const {
  if (field.empty()) return secret;
  std::string out = secret + "_";
  for (char c : field) {
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : (c == '-' || c == '.') ? '_' : c;
  }
  return out;
}

std::vector<InjectedSecret> sidecar_secrets(const Sidecar& sidecar, const Keypair& keys,
                                            const std::vector<std::string>& only) {
  std::vector<std::string> names = only;
  if (names.empty()) {
    for (const auto& entry : sidecar.secrets) names.push_back(entry.first);
  }
  std::vector<InjectedSecret> out;
  for (const std::string& name : names) {
    (void)find_secret(sidecar, name);
    SecretPayload payload = reveal_secret(sidecar, name, keys);
    if (payload.fields.empty()) {
      out.push_back({name, "", std::make_shared<const SecretValue>(std::move(payload.value))});
      continue;
    }
    for (NamedSecret& field : payload.fields) {
      out.push_back({name, field.name, std::make_shared<const SecretValue>(std::move(field.value))});
    }
  }
  return out;
}

std::vector<InjectedSecret> referenced_secrets(const YamlSource& config, Resolver& resolver,
                                               Syntax syntax, std::vector<Finding>& findings) {
  TemplateReferences refs = find_template_references(config, syntax);
  findings.insert(findings.end(), refs.findings.begin(), refs.findings.end());
  std::vector<InjectedSecret> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const TemplateReference& ref : refs.references) {
    std::optional<Resolution> resolution = resolver.resolve(ref, findings);
    if (!resolution) continue;
    const std::string field = ref.reference.source.empty() ? ref.reference.field : "";
    if (!seen.insert({resolution->name, field}).second) continue;
    out.push_back({resolution->name, field, resolution->value});
  }
  return out;
}

void materialize_secrets(const std::filesystem::path& dir,
                         const std::vector<InjectedSecret>& secrets) {
  ensure_private_directory(dir);
  for (const InjectedSecret& secret : secrets) {
    if (secret.secret.find('/') != std::string::npos || secret.field.find('/') != std::string::npos) {
      throw Error(ErrorKind::invalid_input, "unsafe-name",
                  "secret " + secret.secret + " cannot be a file name");
    }
    std::filesystem::path target = dir / secret.secret;
    if (!secret.field.empty()) {
      ensure_private_directory(target);
      target /= secret.field;
    }
    write_file_atomic(target, secret.value->reveal(), FileMode::owner_readonly);
  }
}

}  // namespace hush
