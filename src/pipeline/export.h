// pipeline/export.h — a processed document as the extraction JSON of
// ../shared/eval/FORMAT.md (the `ketnoi extract` output), with provenance added:
// every entity lists its mentions and every event its evidence with character offsets
// (code points) into the page text and the sentence index.
#ifndef KETNOI_PIPELINE_EXPORT_H_
#define KETNOI_PIPELINE_EXPORT_H_

#include <nlohmann/json.hpp>

#include "pipeline/pipeline.h"

namespace ketnoi::pipeline {

nlohmann::json ToExtractionJson(const ProcessedDocument& doc);

}  // namespace ketnoi::pipeline

#endif  // KETNOI_PIPELINE_EXPORT_H_
