// Diffuse (Lambert) light from the sun, with its shadows where the scene
// casts them, plus ambient light and emission: the look of bevy's standard
// material for matte surfaces at a fraction of its per-pixel cost.
#import bevy_pbr::{
    forward_io::VertexOutput,
    mesh_view_bindings::{view, lights},
    mesh_view_types::DIRECTIONAL_LIGHT_FLAGS_SHADOWS_ENABLED_BIT,
    shadows,
}
#ifdef TONEMAP_IN_SHADER
#import bevy_core_pipeline::tonemapping::{ACESFitted, tone_mapping}
#endif

struct Shaded {
    base: vec4<f32>,
    emissive: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> material: Shaded;

const FRAC_1_PI: f32 = 0.3183098862;

@fragment
fn fragment(in: VertexOutput, @builtin(front_facing) is_front: bool) -> @location(0) vec4<f32> {
    var n = normalize(in.world_normal);
    if !is_front {
        n = -n;
    }
    var light = lights.ambient_color.rgb;
    if lights.n_directional_lights > 0u {
        let sun = &lights.directional_lights[0];
        let facing = max(dot(n, (*sun).direction_to_light), 0.0);
        var shadow = 1.0;
#ifdef RECEIVE_SHADOWS
        // A compile-time switch: a software renderer runs a branch's body
        // for every pixel whatever the condition, and sampling the shadow
        // map costs most of this shader.
        if facing > 0.0 && ((*sun).flags & DIRECTIONAL_LIGHT_FLAGS_SHADOWS_ENABLED_BIT) != 0u {
            let view_z = dot(vec4<f32>(
                view.view_from_world[0].z,
                view.view_from_world[1].z,
                view.view_from_world[2].z,
                view.view_from_world[3].z
            ), in.world_position);
            shadow = shadows::fetch_directional_shadow(0u, in.world_position, n, view_z, in.position.xy);
        }
#endif
        light += (*sun).color.rgb * facing * FRAC_1_PI * shadow;
    }
    var out = vec4(
        material.base.rgb * light * view.exposure + material.emissive.rgb,
        material.base.a,
    );
#ifdef TONEMAP_IN_SHADER
#ifdef TONEMAP_METHOD_ACES_FITTED
    // The camera's ACES curve alone: its colour grading is left at the
    // identity, whose exposure term would still cost three powers a pixel.
    out = vec4(ACESFitted(max(out.rgb, vec3(0.0))), out.a);
#else
    out = tone_mapping(out, view.color_grading);
#endif
#endif
    return out;
}
