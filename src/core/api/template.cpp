#include <algorithm>
#include <hush/template.hpp>
#include <set>

#include "core/api/api_access.hpp"
#include "core/base/fsutil.hpp"

namespace hush {
namespace detail {

Syntax to_internal(ReferenceSyntax syntax) {
  switch (syntax) {
    case ReferenceSyntax::braces:
      return Syntax::braces;
    case ReferenceSyntax::angle:
      return Syntax::angle;
    case ReferenceSyntax::both:
      break;
  }
  return Syntax::both;
}

}  // namespace detail

namespace {

Template::Reference public_reference(const TemplateReference& found) {
  Template::Reference out;
  out.token = found.reference.display();
  out.name = found.reference.name;
  out.field = found.reference.field;
  out.source = found.reference.source;
  out.syntax = found.reference.angle ? ReferenceSyntax::angle : ReferenceSyntax::braces;
  out.where = found.where;
  out.scope = to_string(found.scope);
  for (const AliasedUse& use : found.aliased) out.aliased.push_back(to_string(use.scope));
  return out;
}

}  // namespace

Template::Template(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Template::~Template() = default;
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;

Template Template::parse(std::string path, std::string text, ReferenceSyntax syntax) {
  auto impl = std::make_unique<Impl>();
  impl->source = parse_yaml_source(std::move(path), std::move(text));
  impl->syntax = detail::to_internal(syntax);
  impl->public_syntax = syntax;
  TemplateReferences found = find_template_references(impl->source, impl->syntax);
  for (const TemplateReference& ref : found.references) {
    impl->references.push_back(public_reference(ref));
  }
  impl->findings = std::move(found.findings);
  return Template(std::move(impl));
}

Template Template::load(const std::filesystem::path& path, ReferenceSyntax syntax) {
  std::string text =
      read_file(path, {k_default_max_input_size,
                       "Template::load has a fixed limit; read the file and call Template::parse"});
  return parse(path.string(), std::move(text), syntax);
}

const std::string& Template::path() const { return m_impl->source.path; }
ReferenceSyntax Template::syntax() const { return m_impl->public_syntax; }
std::size_t Template::documents() const { return m_impl->source.documents.size(); }
const std::vector<Template::Reference>& Template::references() const { return m_impl->references; }
const std::vector<Finding>& Template::findings() const { return m_impl->findings; }

std::vector<std::string> Template::secret_names() const {
  std::set<std::string> names;
  for (const Reference& ref : m_impl->references) names.insert(ref.name);
  return {names.begin(), names.end()};
}

}  // namespace hush
