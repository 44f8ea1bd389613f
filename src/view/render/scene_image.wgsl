// The 3D scene's image, drawn behind the HUD: each window pixel takes the
// image's texel under it (no filtering, no tint, no blending), the least a
// software renderer can do per pixel.
#import bevy_sprite::mesh2d_vertex_output::VertexOutput

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var scene: texture_2d<f32>;

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let size = textureDimensions(scene);
    let texel = min(vec2<u32>(in.uv * vec2<f32>(size)), size - vec2(1u));
    return vec4(textureLoad(scene, texel, 0).rgb, 1.0);
}
