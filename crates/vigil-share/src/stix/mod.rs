//! STIX 2.1 content: Vigil entities out as designation objects, partner objects back in
//! as entities, and validation of objects partners post.

pub mod export;
pub mod import;
pub mod validate;

/// Vigil's property extension on `identity` / `threat-actor` objects (and sightings): the
/// designation details STIX has no properties for. Defined by the published
/// [`export::extension_definition`].
pub const VIGIL_EXTENSION: &str = "extension-definition--d0a5b8c8-4a4f-5d1e-9a51-6e9b7e3f9c01";

/// OpenCTI's extension for individual threat actors (`date_of_birth`, `gender`, ...).
pub const OPENCTI_INDIVIDUAL_EXTENSION: &str =
    "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba";

/// The media type of one STIX object in manifests.
pub const STIX_MEDIA_TYPE: &str = "application/stix+json;version=2.1";
