//! Multinomial logistic regression over a sparse matrix, as a linfa `Fit`.
//!
//! `linfa-logistic` fits dense matrices only and takes no sample weights; on
//! 6,000 columns it needed minutes per fit here. Text rows have a few dozen
//! non-zeros out of tens of thousands, so we fit the same objective over a
//! sparse matrix with the same solver (argmin's L-BFGS with a More-Thuente
//! line search): `sum_i w_i * -log softmax(x_i W + b)[y_i] + alpha/2 * |W|^2`.
//! With all weights 1 this is exactly linfa-logistic's loss; a test checks
//! that both reach the same coefficients on a small problem.

use argmin::core::{CostFunction, Executor, Gradient};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use linfa::prelude::*;
use ndarray::{Array1, Array2};
use std::cell::RefCell;

/// Rows of a sparse matrix whose non-zeros in a row all share one value
/// (binary presence, L2-normalised) times a scale per column: column lists,
/// a value per row, a scale per column (1 unless set).
#[derive(Debug, Clone, Default)]
pub struct SparseRows {
    row_start: Vec<usize>,
    columns: Vec<u32>,
    values: Vec<f64>,
    n_columns: usize,
    scale: Vec<f64>,
}

impl SparseRows {
    pub fn new(n_columns: usize) -> Self {
        SparseRows {
            row_start: vec![0],
            columns: Vec::new(),
            values: Vec::new(),
            n_columns,
            scale: vec![1.0; n_columns],
        }
    }

    /// Multiply every entry of column `j` by `scale[j]` (see [`super::nb_scale`]).
    /// A scale of the wrong length is an error and leaves the columns as they are.
    pub fn set_column_scale(&mut self, scale: Vec<f64>) -> crate::Result<()> {
        if scale.len() != self.n_columns {
            return Err(crate::Error::Training(format!(
                "a column scale of {} values for {} columns",
                scale.len(),
                self.n_columns
            )));
        }
        self.scale = scale;
        Ok(())
    }

    /// Each column's scale (1 unless [`Self::set_column_scale`] set it).
    pub fn column_scale(&self) -> &[f64] {
        &self.scale
    }

    /// The rows' column lists, in order.
    pub fn column_lists(&self) -> impl Iterator<Item = &[u32]> {
        self.row_start.windows(2).map(|w| &self.columns[w[0]..w[1]])
    }

    /// Append a row with `value` at each of `columns` (distinct, each < `n_columns`).
    pub fn push_row(&mut self, columns: &[u32], value: f64) {
        self.columns.extend_from_slice(columns);
        self.row_start.push(self.columns.len());
        self.values.push(value);
    }

    fn row(&self, i: usize) -> (&[u32], f64) {
        let cols = &self.columns[self.row_start[i]..self.row_start[i + 1]];
        (cols, self.values[i])
    }
}

impl Records for SparseRows {
    type Elem = f64;

    fn nsamples(&self) -> usize {
        self.values.len()
    }

    fn nfeatures(&self) -> usize {
        self.n_columns
    }
}

/// Hyperparameters, validated by [`SparseLogisticRegression::check`].
#[derive(Debug, Clone)]
pub struct SparseLogisticRegression {
    pub alpha: f64,
    pub max_iterations: u64,
    pub gradient_tolerance: f64,
    pub n_classes: usize,
}

impl Default for SparseLogisticRegression {
    fn default() -> Self {
        SparseLogisticRegression {
            alpha: 1.0,
            max_iterations: 100,
            gradient_tolerance: 1e-4,
            n_classes: 3,
        }
    }
}

/// Fitted weights: `params` is features × classes, as in linfa-logistic.
#[derive(Debug, Clone)]
pub struct FittedSparseLogistic {
    pub params: Array2<f64>,
    pub intercept: Array1<f64>,
}

#[derive(Debug, thiserror::Error)]
pub enum SparseLogisticError {
    #[error("invalid alpha {0}: must be finite and >= 0")]
    InvalidAlpha(f64),
    #[error("target {0} is not below the number of classes {1}")]
    InvalidTarget(usize, usize),
    #[error("solver failed: {0}")]
    Solver(String),
    #[error(transparent)]
    Linfa(#[from] linfa::Error),
}

impl SparseLogisticRegression {
    fn check(&self) -> Result<(), SparseLogisticError> {
        if !(self.alpha.is_finite() && self.alpha >= 0.0) {
            return Err(SparseLogisticError::InvalidAlpha(self.alpha));
        }
        Ok(())
    }
}

impl Fit<SparseRows, Array1<usize>, SparseLogisticError> for SparseLogisticRegression {
    type Object = FittedSparseLogistic;

    fn fit(
        &self,
        dataset: &DatasetBase<SparseRows, Array1<usize>>,
    ) -> Result<Self::Object, SparseLogisticError> {
        self.check()?;
        let k = self.n_classes;
        let x = dataset.records();
        if let Some(&bad) = dataset.targets().iter().find(|&&t| t >= k) {
            return Err(SparseLogisticError::InvalidTarget(bad, k));
        }
        let weights: Vec<f64> = (0..x.nsamples())
            .map(|i| f64::from(dataset.weight_for(i)))
            .collect();
        let problem = Problem {
            x,
            y: dataset.targets().as_slice().unwrap_or(&[]),
            weights: &weights,
            alpha: self.alpha,
            k,
            last: RefCell::new(None),
        };
        let init = vec![0.0; (x.nfeatures() + 1) * k];
        let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
            .with_tolerance_grad(self.gradient_tolerance)
            .map_err(|e| SparseLogisticError::Solver(e.to_string()))?;
        let result = Executor::new(problem, solver)
            .configure(|state| state.param(init).max_iters(self.max_iterations))
            .run()
            .map_err(|e| SparseLogisticError::Solver(e.to_string()))?;
        let best = result.state.best_param.unwrap_or_default();
        let d = x.nfeatures();
        let params =
            Array2::from_shape_fn((d, k), |(f, c)| best.get(f * k + c).copied().unwrap_or(0.0));
        let intercept = Array1::from_shape_fn(k, |c| best.get(d * k + c).copied().unwrap_or(0.0));
        Ok(FittedSparseLogistic { params, intercept })
    }
}

/// The objective over flat parameters: `W` row-major (feature × class), then `b`.
struct Problem<'a> {
    x: &'a SparseRows,
    y: &'a [usize],
    weights: &'a [f64],
    alpha: f64,
    k: usize,
    /// The last point evaluated, with its loss and gradient. argmin's L-BFGS
    /// asks for the loss, then the gradient, at each line-search point, and
    /// asks for the gradient at the accepted point once more: three passes
    /// over the rows where one gives all three answers.
    last: RefCell<Option<Evaluation>>,
}

struct Evaluation {
    param: Vec<f64>,
    loss: f64,
    gradient: Vec<f64>,
}

impl Problem<'_> {
    /// Loss and gradient at `p`, computed once per distinct point.
    fn evaluated<T>(&self, p: &[f64], answer: impl FnOnce(&Evaluation) -> T) -> T {
        let mut last = self.last.borrow_mut();
        if let Some(hit) = last.as_ref().filter(|e| e.param == p) {
            return answer(hit);
        }
        let mut gradient = vec![0.0; p.len()];
        let loss = self.evaluate(p, &mut gradient);
        let fresh = last.insert(Evaluation {
            param: p.to_vec(),
            loss,
            gradient,
        });
        answer(fresh)
    }

    /// Loss and its gradient (added into `grad`, which starts at zero) in one
    /// pass over the rows.
    fn evaluate(&self, p: &[f64], grad: &mut [f64]) -> f64 {
        let k = self.k;
        let d = self.x.nfeatures();
        let bias = &p[d * k..];
        let mut loss = 0.0;
        let mut h = vec![0.0; k];
        let mut residual = vec![0.0; k];
        for i in 0..self.x.nsamples() {
            let (cols, value) = self.x.row(i);
            h.copy_from_slice(bias);
            for &c in cols {
                let w = &p[c as usize * k..c as usize * k + k];
                let v = value * self.x.scale[c as usize];
                for (hj, wj) in h.iter_mut().zip(w) {
                    *hj += wj * v;
                }
            }
            let max = h.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let sum: f64 = h.iter().map(|v| (v - max).exp()).sum();
            let log_z = max + sum.ln();
            let weight = self.weights[i];
            loss += weight * (log_z - h[self.y[i]]);
            for (j, r) in residual.iter_mut().enumerate() {
                *r = weight * ((h[j] - log_z).exp() - f64::from(u8::from(j == self.y[i])));
                grad[d * k + j] += *r;
            }
            // Each gradient entry still receives its rows' terms in row
            // order, so the sums (and the fitted model) are bit-identical to
            // a class-by-class loop; one pass over the columns is cheaper.
            for &c in cols {
                let g = &mut grad[c as usize * k..c as usize * k + k];
                let v = value * self.x.scale[c as usize];
                for (gj, r) in g.iter_mut().zip(&residual) {
                    *gj += r * v;
                }
            }
        }
        let penalty: f64 = p[..d * k].iter().map(|w| w * w).sum();
        for (gj, wj) in grad[..d * k].iter_mut().zip(&p[..d * k]) {
            *gj += self.alpha * wj;
        }
        loss + 0.5 * self.alpha * penalty
    }
}

impl CostFunction for Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, p: &Self::Param) -> Result<f64, argmin::core::Error> {
        Ok(self.evaluated(p, |e| e.loss))
    }
}

impl Gradient for Problem<'_> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;

    fn gradient(&self, p: &Self::Param) -> Result<Vec<f64>, argmin::core::Error> {
        Ok(self.evaluated(p, |e| e.gradient.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linfa_logistic::MultiLogisticRegression;

    /// A small three-class problem, dense and sparse views of the same rows.
    fn problem() -> (Array2<f64>, SparseRows, Array1<usize>) {
        let rows: [(&[u32], usize); 9] = [
            (&[0, 3], 0),
            (&[0, 4], 0),
            (&[0, 3, 5], 0),
            (&[1, 3], 1),
            (&[1, 5], 1),
            (&[1, 4, 2], 1),
            (&[2, 4], 2),
            (&[2, 5], 2),
            (&[2, 3, 0], 2),
        ];
        let mut dense = Array2::zeros((rows.len(), 6));
        let mut sparse = SparseRows::new(6);
        let mut y = Array1::zeros(rows.len());
        for (i, (cols, label)) in rows.iter().enumerate() {
            let value = 1.0 / (cols.len() as f64).sqrt();
            for &c in cols.iter() {
                dense[[i, c as usize]] = value;
            }
            sparse.push_row(cols, value);
            y[i] = *label;
        }
        (dense, sparse, y)
    }

    /// The largest absolute difference between two arrays of the same shape.
    fn max_abs_diff<D: ndarray::Dimension>(
        a: &ndarray::Array<f64, D>,
        b: &ndarray::Array<f64, D>,
    ) -> f64 {
        (a - b).mapv(f64::abs).fold(0.0, |m: f64, &d| m.max(d))
    }

    /// Fit linfa-logistic on `dense` and our solver on `sparse` (the same rows)
    /// and assert that they reach the same coefficients and intercepts.
    fn assert_matches_linfa(dense: Array2<f64>, sparse: SparseRows, y: Array1<usize>) {
        let reference = MultiLogisticRegression::default()
            .alpha(0.5)
            .max_iterations(500)
            .gradient_tolerance(1e-8)
            .fit(&Dataset::new(dense, y.clone()))
            .unwrap();
        let ours = SparseLogisticRegression {
            alpha: 0.5,
            max_iterations: 500,
            gradient_tolerance: 1e-8,
            n_classes: 3,
        }
        .fit(&DatasetBase::new(sparse, y))
        .unwrap();
        let diff = max_abs_diff(&ours.params, reference.params());
        assert!(
            diff < 1e-3,
            "params differ by {diff}\nours {:?}\nlinfa {:?}",
            ours.params,
            reference.params()
        );
        let diff = max_abs_diff(&ours.intercept, reference.intercept());
        assert!(diff < 1e-3, "intercepts differ by {diff}");
    }

    #[test]
    fn reaches_the_same_coefficients_as_linfa_logistic() {
        let (dense, sparse, y) = problem();
        assert_matches_linfa(dense, sparse, y);
    }

    #[test]
    fn column_scales_act_like_scaled_dense_columns() {
        let (mut dense, mut sparse, y) = problem();
        let scale = vec![2.0, 0.5, 1.0, 0.1, 3.0, 1.5];
        for (j, s) in scale.iter().enumerate() {
            dense.column_mut(j).mapv_inplace(|v| v * s);
        }
        sparse.set_column_scale(scale).unwrap();
        assert_matches_linfa(dense, sparse, y);
    }

    #[test]
    fn a_column_scale_of_the_wrong_length_is_refused() {
        let (_, mut sparse, _) = problem();
        let err = sparse.set_column_scale(vec![2.0; 5]).unwrap_err();
        assert!(err.to_string().contains("5 values for 6 columns"), "{err}");
        assert!(sparse.column_scale().iter().all(|&s| s == 1.0));
    }

    #[test]
    fn integer_weights_equal_repeated_rows() {
        let (_, sparse, y) = problem();
        let mut weights = Array1::<f32>::ones(y.len());
        weights[0] = 3.0;
        let weighted = SparseLogisticRegression {
            gradient_tolerance: 1e-8,
            max_iterations: 500,
            ..Default::default()
        }
        .fit(&DatasetBase::new(sparse.clone(), y.clone()).with_weights(weights))
        .unwrap();
        let mut repeated = sparse.clone();
        let mut y_rep = y.to_vec();
        for _ in 0..2 {
            let (cols, value) = sparse.row(0);
            repeated.push_row(cols, value);
            y_rep.push(y[0]);
        }
        let copies = SparseLogisticRegression {
            gradient_tolerance: 1e-8,
            max_iterations: 500,
            ..Default::default()
        }
        .fit(&DatasetBase::new(repeated, Array1::from(y_rep)))
        .unwrap();
        let diff = max_abs_diff(&weighted.params, &copies.params);
        assert!(diff < 1e-4, "weighted and repeated fits differ by {diff}");
    }
}
