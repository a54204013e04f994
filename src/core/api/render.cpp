#include "core/render/render.hpp"

#include <hush/render.hpp>

#include "core/api/api_access.hpp"

namespace hush {
namespace {

OutputFormat to_internal(RenderFormat format) {
  switch (format) {
    case RenderFormat::json:
      return OutputFormat::json;
    case RenderFormat::env:
      return OutputFormat::env;
    case RenderFormat::yaml:
      break;
  }
  return OutputFormat::yaml;
}

}  // namespace

bool Rendering::ok() const { return worst(findings) != Severity::error; }

Rendering render(const Template& config, SecretResolver& resolver, const RenderSettings& settings) {
  const auto& input = detail::ApiAccess::of(config);
  RenderResult result = render(input.source, detail::ApiAccess::of(resolver),
                               {.syntax = input.syntax,
                                .format = to_internal(settings.format),
                                .strip_secrets = settings.inline_block == InlineBlock::strip,
                                .allow_env = settings.allow_env});
  Rendering out;
  out.findings = detail::ApiAccess::findings(resolver);
  out.findings.insert(out.findings.end(), result.findings.begin(), result.findings.end());
  for (ResolvedReference& r : result.resolved) {
    out.substitutions.push_back(
        {std::move(r.reference), std::move(r.secret), std::move(r.source), std::move(r.where)});
  }
  if (out.ok()) out.text = std::move(result.text);
  return out;
}

SecretBuffer render_text(const Template& config, SecretResolver& resolver,
                         const RenderSettings& settings) {
  Rendering out = render(config, resolver, settings);
  for (const Finding& f : out.findings) {
    if (f.severity == Severity::error) {
      throw Error(ErrorKind::invalid_input, f.rule, f.message, f.where, f.snippet);
    }
  }
  return std::move(out.text);
}

}  // namespace hush
