#include "core/resolve/sources.hpp"

#include <algorithm>

#include "core/base/clock.hpp"
#include "core/base/env_names.hpp"
#include "core/base/names.hpp"
#include "core/base/text.hpp"
#include "core/model/reference.hpp"

namespace hush {
namespace {

[[noreturn]] void no_fields(std::string_view source, std::string_view key) {
  throw Error(ErrorKind::invalid_input, "unknown-field",
              std::string(source) + " secret " + std::string(key) + " has no fields");
}

}  // namespace

EnvSource::EnvSource(const Environment& environment, std::string_view prefix) {
  for (const auto& [name, value] : environment.variables()) {
    if (!std::string_view(name).starts_with(prefix)) continue;
    m_values.emplace(name.substr(prefix.size()), value.clone());
  }
}

std::optional<SecretInfo> EnvSource::lookup(std::string_view key) {
  if (m_values.find(key) == m_values.end()) return std::nullopt;
  SecretInfo info;
  info.name = key;
  return info;
}

SecretValue EnvSource::fetch_value(std::string_view key, std::string_view field) {
  if (!field.empty()) no_fields("env", key);
  return m_values.find(key)->second.clone();
}

std::vector<std::string> EnvSource::names() const {
  std::vector<std::string> out;
  for (const auto& entry : m_values) out.push_back(entry.first);
  return out;
}

InlineSource::InlineSource(std::vector<InlineSecret> secrets) : m_secrets(std::move(secrets)) {}

std::optional<SecretInfo> InlineSource::lookup(std::string_view key) {
  for (const InlineSecret& secret : m_secrets) {
    if (secret.name == key) {
      SecretInfo info;
      info.name = secret.name;
      info.scopes = secret.scopes;
      info.description = secret.description;
      return info;
    }
  }
  return std::nullopt;
}

SecretValue InlineSource::fetch_value(std::string_view key, std::string_view field) {
  if (!field.empty()) no_fields("inline", key);
  for (const InlineSecret& secret : m_secrets) {
    if (secret.name == key) return secret.value.clone();
  }
  no_fields("inline", key);
}

std::vector<std::string> InlineSource::names() const {
  std::vector<std::string> out;
  for (const InlineSecret& secret : m_secrets) out.push_back(secret.name);
  return out;
}

struct Resolver::Hit {
  SecretSource* source = nullptr;
  std::string key;
  std::string field;
  SecretInfo info;
};

Resolver::Resolver(std::vector<std::unique_ptr<SecretSource>> sources,
                   std::vector<std::string> chain, ResolverOptions options)
    : m_sources(std::move(sources)), m_chain(std::move(chain)), m_options(options) {
  for (const std::string& name : m_chain) {
    if (source(name) == nullptr) {
      throw Error(ErrorKind::usage, "unknown-source",
                  "source order names " + name +
                      ", which is not configured (known: sidecar, "
                      "env, inline and the exec sources of .hush.yaml)");
    }
  }
}

SecretSource* Resolver::source(std::string_view name) const {
  for (const auto& candidate : m_sources) {
    if (candidate->name() == name) return candidate.get();
  }
  return nullptr;
}

std::optional<Resolver::Hit> Resolver::find(const TemplateReference& ref,
                                            std::vector<std::string>& tried) const {
  const Reference& r = ref.reference;
  if (!r.source.empty()) {
    SecretSource* named = source(r.source);
    if (named == nullptr) return std::nullopt;
    tried.push_back(r.source);
    if (auto info = named->lookup(r.name)) return Hit{named, r.name, {}, std::move(*info)};
    // ${sidecar:NAME.field}: a qualified key may carry a field after the first dot.
    const std::size_t dot = r.name.find('.');
    if (dot == std::string::npos || !is_reference_name(r.name.substr(0, dot))) {
      return std::nullopt;
    }
    if (auto info = named->lookup(r.name.substr(0, dot))) {
      return Hit{named, r.name.substr(0, dot), r.name.substr(dot + 1), std::move(*info)};
    }
    return std::nullopt;
  }
  for (const std::string& name : m_chain) {
    SecretSource* candidate = source(name);
    if (candidate->qualified_only()) continue;
    tried.push_back(name);
    if (auto info = candidate->lookup(r.name)) return Hit{candidate, r.name, r.field, *info};
  }
  return std::nullopt;
}

void Resolver::unresolved(const TemplateReference& ref, const std::vector<std::string>& tried,
                          std::vector<Finding>& findings) const {
  const Reference& r = ref.reference;
  if (!r.source.empty() && source(r.source) == nullptr) {
    std::vector<std::string> known;
    for (const auto& candidate : m_sources) known.push_back(candidate->name());
    findings.push_back({Severity::error, "unknown-source", ref.where,
                        "reference " + r.display() + " names source " + r.source +
                            ", which is not configured (configured: " + join(known, ", ") + ")",
                        ref.snippet});
    return;
  }
  std::vector<std::string> names;
  for (const std::string& name : tried) {
    for (std::string& known : source(name)->names()) names.push_back(std::move(known));
  }
  std::string message = "unresolved reference " + r.display() + " in scope " +
                        to_string(ref.scope) + " (tried " +
                        (tried.empty() ? std::string("no source") : join(tried, ", ")) + ")";
  const std::vector<std::string> close = closest_names(r.name, names);
  if (is_credential_variable(r.name)) {
    message += "; " + r.name + " is a hush credential variable, never a secret source";
  } else if (!close.empty()) {
    message += "; did you mean " + join(close, " or ") + "?";
  }
  findings.push_back({Severity::error, "unresolved-reference", ref.where, message, ref.snippet});
}

bool Resolver::admissible(const TemplateReference& ref, const Hit& hit,
                          std::vector<Finding>& findings) const {
  const std::string display = ref.reference.display();
  const auto add = [&](Severity severity, const char* rule, const std::string& message) {
    findings.push_back({severity, rule, ref.where, message, ref.snippet});
  };
  const auto restricted = [&](const Scope& scope) {
    return "secret " + hit.key + " is restricted to " + join(hit.info.scopes, ", ") +
           " and cannot be used in scope " + to_string(scope);
  };
  if (!scope_allows(hit.info.scopes, ref.scope)) {
    add(Severity::error, "scope-violation", restricted(ref.scope));
    return false;
  }
  bool allowed = true;
  for (const AliasedUse& use : ref.aliased) {
    if (scope_allows(hit.info.scopes, use.scope)) continue;
    findings.push_back({Severity::error, "scope-violation", use.where,
                        restricted(use.scope) + " (" + use.note, use.snippet});
    allowed = false;
  }
  if (!allowed) return false;
  if (hit.info.expires && *hit.info.expires <= m_options.now) {
    const Severity severity = m_options.allow_expired ? Severity::warning : Severity::error;
    add(severity, "expired-secret",
        "secret " + hit.key + " expired at " + format_time(*hit.info.expires) +
            (m_options.allow_expired ? " (used because of --allow-expired)"
                                     : "; rotate it or pass --allow-expired"));
    if (!m_options.allow_expired) return false;
  }
  const std::vector<std::string>& fields = hit.info.fields;
  if (hit.field.empty() && !fields.empty()) {
    add(Severity::error, "multi-field-secret",
        "secret " + hit.key + " has fields " + join(fields, ", ") + "; reference one as ${" +
            hit.key + "." + fields.front() + "}");
    return false;
  }
  if (!hit.field.empty() && std::find(fields.begin(), fields.end(), hit.field) == fields.end()) {
    add(Severity::error, "unknown-field",
        "reference " + display + ": secret " + hit.key +
            (fields.empty()
                 ? " has no fields; reference it as ${" + hit.key + "}"
                 : " has no field " + hit.field + " (fields: " + join(fields, ", ") + ")"));
    return false;
  }
  return true;
}

std::optional<Resolver::Hit> Resolver::admitted(const TemplateReference& ref,
                                                std::vector<Finding>& findings) const {
  std::vector<std::string> tried;
  std::optional<Hit> hit = find(ref, tried);
  if (!hit) {
    unresolved(ref, tried, findings);
    return std::nullopt;
  }
  if (!admissible(ref, *hit, findings)) return std::nullopt;
  return hit;
}

std::optional<std::string> Resolver::check(const TemplateReference& ref,
                                           std::chrono::seconds expiring_window,
                                           std::vector<Finding>& findings) const {
  const std::optional<Hit> hit = admitted(ref, findings);
  if (!hit) return std::nullopt;
  const SecretInfo& info = hit->info;
  const std::chrono::sys_seconds now = m_options.now;
  // An expired secret was reported by admitted() (an error, or a warning under allow_expired);
  // saying it is also expiring or due for rotation would only repeat that.
  if (info.expires && *info.expires <= now) return hit->key;
  if (info.expires && *info.expires <= now + info.notify_before.value_or(expiring_window)) {
    findings.push_back({Severity::warning, "expiring-secret", ref.where,
                        "secret " + hit->key + " expires at " + format_time(*info.expires),
                        ref.snippet});
  }
  if (info.updated && info.rotate_every) {
    const std::chrono::sys_seconds due = *info.updated + *info.rotate_every;
    if (due <= now + info.notify_before.value_or(std::chrono::seconds(0))) {
      findings.push_back({Severity::warning, "rotation-due", ref.where,
                          "secret " + hit->key + " was last rotated " + format_time(*info.updated) +
                              " and is due for rotation every " +
                              format_duration(*info.rotate_every) + " (due " + format_time(due) +
                              "); rotate it with `hush secrets rotate " + hit->key + "`",
                          ref.snippet});
    }
  }
  return hit->key;
}

std::optional<Resolution> Resolver::resolve(const TemplateReference& ref,
                                            std::vector<Finding>& findings) {
  const std::optional<Hit> hit = admitted(ref, findings);
  if (!hit) return std::nullopt;
  SharedSecret& value = m_fetched[{hit->source->name(), hit->key, hit->field}];
  if (!value) value = hit->source->fetch(hit->key, hit->field);
  return Resolution{value, hit->source->name(), hit->key};
}

}  // namespace hush
