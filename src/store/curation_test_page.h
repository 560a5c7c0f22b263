// store/curation_test_page.h — the page the curation tests edit (test-only): two names of
// one company, a person by full and by given name, and a second company.
#ifndef KETNOI_STORE_CURATION_TEST_PAGE_H_
#define KETNOI_STORE_CURATION_TEST_PAGE_H_

#include <string>
#include <vector>

#include "extract/annotations.h"

namespace ketnoi::store::curation_test {

// Mentions 0 "Công ty Beta", 1 "Beta Holdings", 2 "Trần Văn Bình", 3 "Bình", 4 "Gamma Labs".
inline std::vector<extract::Mention> CurationPageMentions() {
  auto m = [](extract::EntityKind kind, const char* surface) {
    extract::Mention mention;
    mention.kind = kind;
    mention.surface = surface;
    return mention;
  };
  using extract::EntityKind;
  return {m(EntityKind::kOrganization, "Công ty Beta"),
          m(EntityKind::kOrganization, "Beta Holdings"), m(EntityKind::kPerson, "Trần Văn Bình"),
          m(EntityKind::kPerson, "Bình"), m(EntityKind::kOrganization, "Gamma Labs")};
}

}  // namespace ketnoi::store::curation_test

#endif  // KETNOI_STORE_CURATION_TEST_PAGE_H_
