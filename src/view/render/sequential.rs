//! Runs each schedule's systems one after another, on the thread that runs
//! the schedule. The viewer's systems and bevy's render preparation are
//! light; on a 2-core machine drawing in software, handing them between
//! threads cost more than running them side by side saved (about a sixth
//! of a low-quality frame), and the software renderer wants the cores.

use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;
use bevy::render::ExtractSchedule;

/// Gives every schedule of the app and its sub-apps (the render world's
/// among them) the single-threaded executor.
pub(crate) struct SequentialPlugin;

impl Plugin for SequentialPlugin {
    fn build(&self, _app: &mut App) {}

    /// After every plugin is built, so that their schedules exist.
    fn finish(&self, app: &mut App) {
        for sub_app in app.sub_apps_mut().iter_mut() {
            run_sequentially(sub_app.world_mut());
        }
    }
}

fn run_sequentially(world: &mut World) {
    if let Some(mut schedules) = world.get_resource_mut::<Schedules>() {
        for (_, schedule) in schedules.iter_mut() {
            schedule.set_executor(SingleThreadedExecutor::new());
            // A new executor applies deferred commands at the end again;
            // bevy's extraction leaves them to the render thread, which
            // applies them while the main world runs on.
            if schedule.label() == ExtractSchedule.intern() {
                schedule.set_apply_final_deferred(false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::thread::ThreadId;

    /// The threads the systems ran on (read-only access, so a
    /// multi-threaded executor is free to run the systems side by side).
    #[derive(Resource, Default)]
    struct Threads(Mutex<Vec<ThreadId>>);

    fn note_thread(threads: Res<Threads>) {
        std::thread::sleep(std::time::Duration::from_millis(2));
        threads.0.lock().unwrap().push(std::thread::current().id());
    }

    #[test]
    fn every_system_runs_on_the_thread_that_runs_the_schedule() {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, SequentialPlugin))
            .init_resource::<Threads>();
        for _ in 0..4 {
            app.add_systems(Update, (note_thread, note_thread, note_thread, note_thread));
        }
        app.finish();
        app.cleanup();
        app.update();
        let here = std::thread::current().id();
        let threads = app.world().resource::<Threads>().0.lock().unwrap();
        assert_eq!(threads.len(), 16);
        assert!(threads.iter().all(|&t| t == here), "{threads:?}");
    }
}
