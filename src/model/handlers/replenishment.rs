//! Replenishment: periodic review (order up to S at every departure, only
//! at or below a reorder point s, or as a backup only while the primary is
//! disrupted), continuous review (order up to S when the position falls to
//! s, the truck leaving a lead time later) and emergency orders; transit
//! and arrivals.

use super::context::Ctx;
use crate::model::event::Event;
use crate::model::state::supply::Truck;
use crate::scenario::{PartId, RouteId, SupplierId};

impl Ctx<'_> {
    /// A scheduled departure: its transit time is drawn whether or not a
    /// truck leaves; a closed route holds it until the closure ends.
    pub(crate) fn departure(&mut self, r: RouteId) {
        let spec = &self.spec.routes[r];
        let next =
            spec.first_departure + (self.supply.routes[r].departures + 1) as f64 * spec.every;
        self.cal.at(next, Event::Departure { route: r });
        self.send_now(r);
    }

    /// A continuous-review order's lead time is over: its truck leaves (or
    /// waits for the end of a closure); the position is reviewed again.
    pub(crate) fn dispatch(&mut self, r: RouteId) {
        self.supply.routes[r].ordered = false;
        self.send_now(r);
        self.review(self.spec.routes[r].part);
    }

    /// Review of `part` by its on-demand routes: an (s, S) route without
    /// an order under way orders when the inventory position is at or below
    /// s; an emergency route sends a truck at once when on-hand is below its
    /// threshold and its last emergency truck left at least `min_gap` ago.
    pub(crate) fn review(&mut self, part: crate::scenario::PartId) {
        for i in 0..self.supply.on_demand[part].len() {
            let r = self.supply.on_demand[part][i];
            let position = self.supply.inventory_position(part);
            let on_hand = self.supply.parts[part].on_hand;
            let route = &self.supply.routes[r];
            match self.spec.routes[r].policy {
                crate::scenario::Policy::Continuous {
                    reorder_point,
                    lead_time,
                } if !route.ordered && position <= reorder_point => {
                    self.supply.routes[r].ordered = true;
                    self.cal.after(lead_time, Event::Dispatch { route: r });
                }
                crate::scenario::Policy::Emergency { below, min_gap }
                    if on_hand < below
                        && route.last_emergency.is_none_or(|t| self.now - t >= min_gap) =>
                {
                    self.supply.routes[r].last_emergency = Some(self.now);
                    self.send_now(r);
                }
                _ => {}
            }
        }
    }

    /// Brings supplier `s` up to now; the inputs it took (tier 2) leave its
    /// stock and their on-demand routes review the new level.
    pub(crate) fn supplier_to_now(&mut self, s: SupplierId) {
        let started = self.supply.update_supplier(s, self.now);
        if started == 0 {
            return;
        }
        for k in 0..self.supply.suppliers[s].needs.len() {
            let (p, n) = self.supply.suppliers[s].needs[k];
            self.rec
                .stock_change(p, -((started * n) as f64), 0.0, self.now);
            if self.supply.any_on_demand {
                self.review(p);
            }
        }
    }

    /// The departures held by a closure or the route's calendar leave now,
    /// in order.
    pub(crate) fn release_held(&mut self, r: RouteId) {
        while let Some(transit) = self.supply.routes[r].deferred.pop_front() {
            self.depart(r, transit);
        }
    }

    /// Brings the holder of `part` up to now when a supplier holds it, so
    /// its on-hand is current.
    fn holder_to_now(&mut self, part: PartId) {
        if let Some(h) = self.spec.parts[part].held_by {
            self.supplier_to_now(h);
        }
    }

    /// A truck leaves now (a scheduled departure, a dispatched order, an
    /// emergency) with the route's next transit draw; a closed route holds
    /// it, with its draw, until the closure ends.
    fn send_now(&mut self, r: RouteId) {
        let route = &mut self.supply.routes[r];
        let transit = route.transit.draw();
        route.departures += 1;
        if route.closures > 0 || route.off_shift {
            route.deferred.push_back(transit);
        } else {
            self.depart(r, transit);
        }
    }

    /// A truck loads `min(FG stock, S - inventory position, capacity)` and
    /// leaves, unless that is zero (or, under (R, s, S), unless the
    /// position is above s).
    pub(crate) fn depart(&mut self, r: RouteId, transit: f64) {
        let spec = &self.spec.routes[r];
        let (part, supplier, cap, s_level) = (
            spec.part,
            spec.supplier,
            spec.truck_capacity,
            spec.order_up_to,
        );
        self.holder_to_now(part);
        let position = self.supply.inventory_position(part);
        match spec.policy {
            crate::scenario::Policy::PeriodicReorder { reorder_point }
                if position > reorder_point =>
            {
                return;
            }
            crate::scenario::Policy::Backup { primary, trigger } => {
                let p = &self.spec.routes[primary];
                let primary_down = self.supply.routes[primary].closures > 0
                    || self.supply.suppliers[p.supplier].outages > 0;
                if !primary_down && position >= trigger {
                    return;
                }
            }
            _ => {}
        }
        let mut wanted = s_level.saturating_sub(position);
        if let crate::scenario::Policy::Split { share } = spec.policy {
            wanted = self.supply.split_share(part, share, wanted, self.now);
        }
        self.supplier_to_now(supplier);
        let available = self.supply.suppliers[supplier].whole_units();
        let quantity = available.min(wanted).min(cap);
        if quantity == 0 {
            return;
        }
        self.supply.suppliers[supplier].stock -= quantity as f64;
        self.supply.parts[part].in_transit += quantity;
        self.rec.stock_change(part, 0.0, quantity as f64, self.now);
        let factor: f64 = self.supply.routes[r].slowdowns.iter().product();
        let id = self.supply.next_truck;
        self.supply.next_truck += 1;
        let arrives = self.now + transit * factor;
        self.supply.trucks.push(Truck {
            id,
            route: r,
            part,
            quantity,
            departed: self.now,
            arrives,
        });
        self.rec.truck(r, quantity, self.now);
        if self.spec.routes[r].policy.contingent() {
            self.rec.contingent_truck(r, self.now);
        }
        self.cal.at(arrives, Event::TruckArrives { truck: id });
    }

    /// A truck unloads into factory stock; waiting stations may start.
    pub(crate) fn truck_arrives(&mut self, id: u32) {
        let Some(pos) = self.supply.trucks.iter().position(|t| t.id == id) else {
            return;
        };
        let truck = self.supply.trucks.remove(pos);
        // A supplier's input arriving: what it made before, it made with
        // the stock it had.
        self.holder_to_now(truck.part);
        let stock = &mut self.supply.parts[truck.part];
        stock.on_hand += truck.quantity;
        stock.in_transit -= truck.quantity;
        let q = truck.quantity as f64;
        self.rec.stock_change(truck.part, q, -q, self.now);
        stock.received += truck.quantity;
        self.serve_parts();
    }
}
