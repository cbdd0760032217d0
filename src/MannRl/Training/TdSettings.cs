namespace MannRl.Training;

/// <summary>The settings of the memory-net's Q-learning (TD) step, <see cref="TdLearner"/> (config keys in brackets).</summary>
/// <param name="Gamma">Discount γ [mem_gamma].</param>
/// <param name="L1">Weight of the memory sparsity penalty, or null [mem_l1].</param>
/// <param name="DampenLosses">d in l = d·ln(1+l); 0 = off [mem_dampen_losses].</param>
/// <param name="Clamp">Upper clamp of l; 0 = off [mem_clamp].</param>
/// <param name="Clipping">Gradient-norm clipping, or null [mem_clipping].</param>
/// <param name="DetachedTarget">Detach the target (DQN style) instead of the original's gradient through both branches [mem_target].</param>
/// <param name="CenteredRewards">Subtract the mean reward of the update's rows from each row's reward [mem_reward_baseline: mean].</param>
public sealed record TdSettings(double Gamma, double? L1, double DampenLosses, double Clamp, double? Clipping, bool DetachedTarget, bool CenteredRewards = false);
