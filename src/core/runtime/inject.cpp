#include "core/runtime/inject.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "core/base/fsutil.hpp"
#include "core/model/config_model.hpp"

namespace hush {
namespace {

[[noreturn]] void refuse_symlink(const std::filesystem::path& path) {
  throw Error(ErrorKind::invalid_input, "materialize-symlink",
              path.string() +
                  " is a symbolic link; materialize never follows links under --dir "
                  "(remove it or name the real path)");
}

void require_private(const OpenDirectory& dir) {
  if ((dir.permission_bits() & 0077) != 0) {
    throw Error(ErrorKind::invalid_input, "unsafe-directory",
                dir.path().string() +
                    " can be accessed by group or others; use a directory "
                    "with mode 0700 (chmod 700 " +
                    dir.path().string() + ")");
  }
}

// `dir` opened without following a link, created with mode 0700 when missing.
OpenDirectory open_private_directory(const std::filesystem::path& dir) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::symlink_status(dir, error);
  if (std::filesystem::is_symlink(status)) refuse_symlink(dir);
  if (!std::filesystem::exists(status)) {
    std::filesystem::create_directories(dir, error);
    if (error || ::chmod(dir.c_str(), 0700) != 0) {
      throw Error(ErrorKind::io, "write-failed", "cannot create directory " + dir.string());
    }
  } else if (!std::filesystem::is_directory(status)) {
    throw Error(ErrorKind::invalid_input, "unsafe-directory", dir.string() + " is not a directory");
  }
  OpenDirectory out(dir);
  require_private(out);
  return out;
}

void require_file_names(const std::vector<InjectedSecret>& secrets) {
  const auto unsafe = [](const std::string& name) {
    return name == "." || name == ".." || name.find('/') != std::string::npos;
  };
  for (const InjectedSecret& secret : secrets) {
    if (secret.secret.empty() || unsafe(secret.secret) || unsafe(secret.field)) {
      throw Error(ErrorKind::invalid_input, "unsafe-name",
                  "secret " + secret.secret + " cannot be a file name");
    }
  }
}

// Refuses the first symbolic link where a secret would go, before anything is written.
void refuse_symlinks(const OpenDirectory& root, const std::vector<InjectedSecret>& secrets) {
  for (const InjectedSecret& secret : secrets) {
    const EntryType type = root.entry_type(secret.secret);
    if (type == EntryType::symlink) refuse_symlink(root.path() / secret.secret);
    if (secret.field.empty() || type != EntryType::directory) continue;
    const OpenDirectory fields = root.subdirectory(secret.secret);  // exists: nothing created
    if (fields.entry_type(secret.field) == EntryType::symlink) {
      refuse_symlink(fields.path() / secret.field);
    }
  }
}

}  // namespace

std::string InjectedSecret::env_name() const {
  if (field.empty()) return secret;
  std::string out = secret + "_";
  for (char c : field) {
    out += (c >= 'a' && c <= 'z')   ? static_cast<char>(c - 'a' + 'A')
           : (c == '-' || c == '.') ? '_'
                                    : c;
  }
  return out;
}

std::vector<InjectedSecret> sidecar_secrets(const Sidecar& sidecar, const Keypair& keys,
                                            const std::vector<std::string>& only) {
  std::vector<std::string> names = only;
  if (names.empty()) {
    for (const auto& entry : sidecar.secrets) names.push_back(entry.first);
  }
  for (const std::string& name : names) (void)find_secret(sidecar, name);
  std::vector<SecretPayload> payloads = reveal_secrets(sidecar, names, keys);
  std::vector<InjectedSecret> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    SecretPayload& payload = payloads[i];
    if (payload.fields.empty()) {
      out.push_back({name, "", std::make_shared<const SecretValue>(std::move(payload.value))});
      continue;
    }
    for (NamedSecret& field : payload.fields) {
      out.push_back(
          {name, field.name, std::make_shared<const SecretValue>(std::move(field.value))});
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
  require_file_names(secrets);
  const OpenDirectory root = open_private_directory(dir);
  refuse_symlinks(root, secrets);
  for (const InjectedSecret& secret : secrets) {
    if (secret.field.empty()) {
      root.write_file_atomic(secret.secret, secret.value->reveal(), FileMode::owner_readonly);
      continue;
    }
    const OpenDirectory fields = root.subdirectory(secret.secret);
    require_private(fields);
    fields.write_file_atomic(secret.field, secret.value->reveal(), FileMode::owner_readonly);
  }
}

}  // namespace hush
